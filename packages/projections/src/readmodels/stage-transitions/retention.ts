// The leads a retention policy reaches: lost before a cut-off, in lead id order, a page at a time.
import { LeadId, type OrgId } from '@leadline/domain';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';

export interface LostLeadsQuery {
  readonly orgId: OrgId;
  /** Leads lost before this instant (their outcome is still lost). */
  readonly lostBefore: Date;
  /** Keyset cursor: lead ids after this one. */
  readonly after?: LeadId;
  readonly limit: number;
}

/** Lead ids, lost before the cut-off and still lost, read along the (org, outcome) index. */
export async function lostLeadsBefore(reader: ReadModelReader, query: LostLeadsQuery): Promise<LeadId[]> {
  let rows = readModelDb(reader)
    .selectFrom('stage_transitions_leads')
    .select('lead_id')
    .where('org_id', '=', query.orgId)
    .where('outcome', '=', 'lost')
    .where('outcome_at', '<', query.lostBefore.toISOString());
  if (query.after !== undefined) rows = rows.where('lead_id', '>', query.after);
  const page = await rows.orderBy('lead_id').limit(query.limit).execute();
  return page.map((row) => LeadId(row.lead_id));
}
