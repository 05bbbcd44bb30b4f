// The journey projector: one step per lead event, chained by hash. Steps are only ever appended.
import type { Projector } from '../../projector/projector.js';
import { alreadyApplied } from '../../projector/projector.js';
import { isLeadEvent, LEAD_EVENT_TYPES } from '../shared/lead-events.js';
import { instant } from '../shared/text.js';
import { GENESIS_HASH, stepHash } from './hash.js';
import { summarise } from './summary.js';
import { journeyHeads, journeySteps } from './tables.js';

export const journeyProjector: Projector = {
  name: 'journey',
  // v2: indexes shaped for the keyset-paged SQL queries.
  version: 2,
  handles: LEAD_EVENT_TYPES,
  tables: [journeySteps, journeyHeads],
  prefetch: (event) => (isLeadEvent(event) ? [{ table: journeyHeads.name, key: [event.data.leadId] }] : []),
  apply(event, tx) {
    if (!isLeadEvent(event)) return;
    const leadId = event.data.leadId;
    const head = tx.get(journeyHeads.name, [leadId]);
    // The step number comes from the head, so a redelivered event must be recognised here.
    if (alreadyApplied(head, event)) return;
    const seq = (head === undefined ? 0 : Number(head['seq'])) + 1;
    const prevHash = head === undefined ? GENESIS_HASH : String(head['hash']);
    const content = {
      leadId,
      seq,
      eventId: event.eventId,
      occurredAt: instant(event.metadata.occurredAt),
      actorId: event.metadata.actorId,
      kind: event.type,
      summary: summarise(event),
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
      summary: content.summary,
      prev_hash: prevHash,
      hash,
    });
    tx.upsert(journeyHeads.name, { lead_id: leadId, org_id: event.metadata.orgId, seq, hash });
  },
};
