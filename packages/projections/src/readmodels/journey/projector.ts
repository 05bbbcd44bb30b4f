// The journey projector: one step per lead event, chained by hash. Steps are only ever appended; an
// erasure rewrites the readable summaries of the lead's steps from their sealed form, which the hash
// covers, so the chain still verifies (docs/privacy.md).
import { storedDataOf, withEnvelopesErased } from '@leadline/eventstore';
import type { ProjectionTx, Projector } from '../../projector/projector.js';
import { alreadyApplied } from '../../projector/projector.js';
import { isLeadEvent, LEAD_EVENT_TYPES } from '../shared/lead-events.js';
import { instant } from '../shared/text.js';
import { GENESIS_HASH, stepHash } from './hash.js';
import { summarise, summariseData } from './summary.js';
import { journeyHeads, journeySteps } from './tables.js';

export const journeyProjector: Projector = {
  name: 'journey',
  // v2: indexes shaped for the keyset-paged SQL queries. v3: sealed_summary, the hash over what is stored.
  version: 3,
  handles: LEAD_EVENT_TYPES,
  tables: [journeySteps, journeyHeads],
  prefetch: (event) => {
    if (!isLeadEvent(event)) return [];
    const head = { table: journeyHeads.name, key: [event.data.leadId] };
    // An erasure rewrites every step of the lead: all of them are read.
    return event.type === 'ContactErased' ? [head, { table: journeySteps.name, key: [event.data.leadId] }] : [head];
  },
  apply(event, tx) {
    if (!isLeadEvent(event)) return;
    const leadId = event.data.leadId;
    const head = tx.get(journeyHeads.name, [leadId]);
    // The step number comes from the head, so a redelivered event must be recognised here.
    if (alreadyApplied(head, event)) return;
    const seq = (head === undefined ? 0 : Number(head['seq'])) + 1;
    const prevHash = head === undefined ? GENESIS_HASH : String(head['hash']);
    if (event.type === 'ContactErased') eraseSummaries(tx, leadId, seq - 1);
    const summary = summarise(event);
    const stored = storedDataOf(event);
    const sealedSummary = stored === event.data ? summary : summariseData(event.type, stored);
    const content = {
      leadId,
      seq,
      eventId: event.eventId,
      occurredAt: instant(event.metadata.occurredAt),
      actorId: event.metadata.actorId,
      kind: event.type,
      summary: sealedSummary,
    };
    const hash = stepHash(prevHash, content);
    tx.upsert(journeySteps.name, {
      lead_id: leadId,
      seq,
      org_id: event.metadata.orgId,
      event_id: content.eventId,
      event_position: Number(event.position),
      occurred_at: content.occurredAt,
      actor_id: content.actorId,
      kind: content.kind,
      summary,
      sealed_summary: sealedSummary === summary ? null : sealedSummary,
      prev_hash: prevHash,
      hash,
    });
    tx.upsert(journeyHeads.name, { lead_id: leadId, org_id: event.metadata.orgId, seq, hash });
  },
};

/** Each step's summary as its sealed form reads without keys: what a rebuild after the erasure shows. */
function eraseSummaries(tx: ProjectionTx, leadId: string, steps: number): void {
  for (let seq = 1; seq <= steps; seq += 1) {
    const sealed = tx.get(journeySteps.name, [leadId, seq])?.['sealed_summary'];
    if (typeof sealed === 'string')
      tx.patch(journeySteps.name, [leadId, seq], { summary: withEnvelopesErased(sealed) });
  }
}
