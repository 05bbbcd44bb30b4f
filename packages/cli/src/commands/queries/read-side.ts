// Where a query reads: the live read models (brought up to date first), or with --as-of the read models
// replayed from the event log up to that instant or position into SQLite :memory:, leaving the live ones alone.
import { canViewLead, foldLead, leadStream, liveClaimant, type LeadEvent, type LeadId } from '@leadline/domain';
import { ALL_PROJECTORS, openReadModelStore, projectAsOf, type ReadModelReader } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { parseAsOf } from '../../cli/parse.js';
import type { Session } from '../../session/session.js';
import type { LeadlineQueries } from 'leadline';

export interface ReadSide {
  readonly reader: ReadModelReader;
  /** The facade's queries over this read side: visibility and the organisation applied as for any caller. */
  readonly queries: LeadlineQueries;
  /** The instant claims are judged at: now, or the as-of instant. */
  readonly now: Date;
  /** What the result reflects, for people: `live at position 1200` or `as of 2026-03-01 (position 800)`. */
  readonly label: string;
  readonly position: bigint;
  close(): Promise<void>;
}

export async function readSide(session: Session, asOf: string | undefined): Promise<ReadSide> {
  const { leadline } = session;
  if (asOf === undefined) {
    await session.catchUp();
    const readModels = leadline.readModels;
    if (readModels === null)
      throw new CliError(CliErrorCode.Unsupported, '--read-models', 'required', 'This store has no read models.');
    const position = await leadline.store.headPosition();
    return {
      reader: readModels,
      queries: leadline.queries,
      now: session.now(),
      label: `live, position ${position}`,
      position,
      close: async () => undefined,
    };
  }
  const point = parseAsOf(asOf);
  const head = await leadline.store.headPosition();
  const bar = session.progress('replaying', Number(head), 'events');
  const replay = await projectAsOf({
    eventStore: leadline.store,
    store: await openReadModelStore('memory:'),
    projectors: ALL_PROJECTORS,
    asOf: point,
    onProgress: (progress) => bar.update(progress.done, progress.total),
  });
  bar.update(replay.events, replay.events);
  bar.stop();
  const now = 'instant' in point ? point.instant : await instantAt(session, replay.position);
  return {
    reader: replay.store,
    queries: leadline.queriesOn(replay.store),
    now,
    label: `as of ${asOf} (position ${replay.position}, ${replay.events} events)`,
    position: replay.position,
    close: () => replay.store.dispose(),
  };
}

/** When the event at a position occurred (the as-of instant of a position). */
async function instantAt(session: Session, position: bigint): Promise<Date> {
  if (position === 0n) return new Date(0);
  for await (const event of session.leadline.store.readAll({ after: position - 1n, maxCount: 1 }))
    return new Date(event.metadata.occurredAt);
  return session.now();
}

/** A lead the actor may see, or a NOT_FOUND that reveals nothing about leads they may not see. */
export async function requireVisibleLead(session: Session, leadId: LeadId, now: Date): Promise<void> {
  const events: LeadEvent[] = [];
  try {
    for await (const event of session.leadline.store.readStream(leadStream(leadId)))
      events.push({ type: event.type, data: event.data } as LeadEvent);
  } catch {
    // A tombstoned stream reads as absent here; the audit trail of a deleted lead is kept in its events.
  }
  const state = foldLead(events);
  const acting = await session.acting();
  const visible =
    state.exists &&
    state.orgId === acting.actor.orgId &&
    canViewLead(acting.actor, { ownerId: state.ownerId, claimedBy: liveClaimant(state, now) });
  if (!visible) {
    throw new CliError(
      CliErrorCode.NotFound,
      'lead',
      'must-exist',
      `There is no lead ${leadId} you may see.`,
      'Find leads with `leadline search TEXT`; an id is printed by `leadline lead create`.',
    );
  }
}
