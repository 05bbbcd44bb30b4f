// What the simulated weeks did, counted from the event log itself (not from the simulation's own
// bookkeeping), and a digest of the whole log: two runs with one seed must print the same digest, on
// any store. The digest takes each stream in its own order: how appends to different streams interleave
// (the claim expiry worker's lanes commit in whatever order the engine finishes them) is not the story.
import { createHash, type Hash } from 'node:crypto';
import type { EventStore } from 'leadline';

export interface DemoTallies {
  readonly events: number;
  readonly leadsCreated: number;
  readonly duplicatesMerged: number;
  readonly duplicatesKept: number;
  readonly callsLogged: number;
  readonly callsScheduled: number;
  readonly claimsTaken: number;
  readonly claimsLapsed: number;
  readonly lapsedLeadsReclaimed: number;
  readonly claimsReleased: number;
  readonly ownershipTaken: number;
  readonly assignedByManager: number;
  readonly stageChanges: number;
  readonly converted: number;
  readonly lost: number;
  readonly reopened: number;
}

export interface EventLogSummary {
  readonly tallies: DemoTallies;
  /** sha256 over every stream (by name) and its events' type, data, metadata and id, in stream order. */
  readonly digest: string;
  readonly head: bigint;
  /** The converted lead with the longest story: the journey the demo shows. */
  readonly showcaseLeadId: string | null;
}

export async function summariseEventLog(store: EventStore): Promise<EventLogSummary> {
  const streams = new Map<string, Hash>();
  const counts = new Map<string, number>();
  const count = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  const lapsed = new Set<string>();
  const storyLength = new Map<string, number>();
  const converted: string[] = [];
  let head = 0n;
  for await (const event of store.readAll()) {
    head = event.position;
    let stream = streams.get(event.streamName);
    if (stream === undefined) streams.set(event.streamName, (stream = createHash('sha256')));
    stream.update(JSON.stringify([event.type, event.data, event.metadata, event.eventId]));
    count(event.type);
    const data = event.data as {
      leadId?: string;
      via?: string;
      side?: string;
      toCategory?: string;
      fromCategory?: string;
      duplicateDecision?: unknown;
    };
    const leadId = data.leadId ?? '';
    if (event.streamName.startsWith('lead-')) storyLength.set(leadId, (storyLength.get(leadId) ?? 0) + 1);
    if (event.type === 'ConvertedToClient') converted.push(leadId);
    if (event.type === 'ClaimExpired') lapsed.add(leadId);
    if (event.type === 'LeadClaimed' && lapsed.delete(leadId)) count('reclaimed');
    if (event.type === 'LeadAssigned') count(`assigned:${data.via ?? ''}`);
    if (event.type === 'LeadMerged' && data.side === 'absorbed') count('merged');
    if (event.type === 'LeadCreated' && data.duplicateDecision !== null && data.duplicateDecision !== undefined)
      count('kept');
    if (event.type === 'StageChanged' && data.toCategory === 'lost') count('lost');
    if (event.type === 'StageChanged' && data.fromCategory === 'lost') count('reopened');
  }
  const of = (key: string): number => counts.get(key) ?? 0;
  return {
    digest: digestOf(streams),
    head,
    showcaseLeadId:
      [...converted].sort((a, b) => (storyLength.get(b) ?? 0) - (storyLength.get(a) ?? 0) || a.localeCompare(b))[0] ??
      null,
    tallies: {
      events: Number(head),
      leadsCreated: of('LeadCreated'),
      duplicatesMerged: of('merged'),
      duplicatesKept: of('kept'),
      callsLogged: of('NoteLogged'),
      callsScheduled: of('NextCallScheduled'),
      claimsTaken: of('LeadClaimed'),
      claimsLapsed: of('ClaimExpired'),
      lapsedLeadsReclaimed: of('reclaimed'),
      claimsReleased: of('ClaimReleased'),
      ownershipTaken: of('assigned:take-ownership'),
      assignedByManager: of('assigned:assign') + of('assigned:transfer'),
      stageChanges: of('StageChanged'),
      converted: of('ConvertedToClient'),
      lost: of('lost'),
      reopened: of('reopened'),
    },
  };
}

function digestOf(streams: ReadonlyMap<string, Hash>): string {
  const whole = createHash('sha256');
  for (const name of [...streams.keys()].sort())
    whole.update(JSON.stringify([name, streams.get(name)?.digest('hex') ?? '']));
  return whole.digest('hex');
}
