// The commands every store's workloads replay: leads worked one event per command, as a command handler would.
import { randomUUID } from 'node:crypto';
import { ExpectedRevision, type EventToAppend } from '@leadline/eventstore';

export const EVENTS_PER_STREAM = 10;

export interface Command {
  readonly streamName: string;
  readonly event: EventToAppend;
  /** The exact revision the handler loaded, or NoStream for the lead's first event. */
  readonly expectedRevision: ExpectedRevision;
}

export interface CommandPlan {
  readonly streams: readonly string[];
  /** Round by round: the first event of every lead, then the second of every lead, and so on. */
  readonly commands: readonly Command[];
}

/**
 * The plan for `events` events (a multiple of 10). Built afresh for every pass, outside the clock: a
 * store that freezes or indexes what it is given must not find the work done by an earlier pass.
 */
export function commandPlan(events: number): CommandPlan {
  const streams = Array.from({ length: Math.ceil(events / EVENTS_PER_STREAM) }, (_, index) => `lead-${index}`);
  const commands: Command[] = [];
  for (let revision = 0; revision < EVENTS_PER_STREAM; revision++) {
    streams.forEach((streamName, lead) => {
      commands.push({
        streamName,
        event: leadEvent(lead, revision),
        expectedRevision: revision === 0 ? ExpectedRevision.NoStream : BigInt(revision - 1),
      });
    });
  }
  return { streams, commands: commands.slice(0, events) };
}

/** The events of one stream in revision order, for filling a store before a read workload. */
export function streamEvents(plan: CommandPlan, lead: number): EventToAppend[] {
  const events: EventToAppend[] = [];
  for (let index = lead; index < plan.commands.length; index += plan.streams.length)
    events.push((plan.commands[index] as Command).event);
  return events;
}

function leadEvent(lead: number, revision: number): EventToAppend {
  const metadata = {
    orgId: 'org-bench',
    actorId: `user-${lead % 25}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + (lead * EVENTS_PER_STREAM + revision) * 60_000).toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  };
  const eventId = randomUUID();
  if (revision === 0) {
    return {
      eventId,
      type: 'LeadCreated',
      data: { name: `Lead ${lead}`, email: `lead${lead}@example.com`, phone: '+441632960000', source: 'web-form' },
      metadata,
    };
  }
  return {
    eventId,
    type: 'NoteLogged',
    data: { text: `Call ${revision} with lead ${lead}`, outcome: revision % 3 === 0 ? 'reached' : 'voicemail' },
    metadata,
  };
}

export interface LeadSummary {
  readonly revision: bigint;
  readonly notes: number;
  readonly created: boolean;
}

export const emptySummary: LeadSummary = { revision: -1n, notes: 0, created: false };

/** The fold of the load workload: small, as an evolve is, and the same for every side. */
export function foldLead(state: LeadSummary, event: { readonly type: string; readonly revision: bigint }): LeadSummary {
  return event.type === 'LeadCreated'
    ? { revision: event.revision, notes: state.notes, created: true }
    : { revision: event.revision, notes: state.notes + 1, created: state.created };
}
