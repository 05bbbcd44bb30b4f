// A client's leads: every live lead converted into or linked to one client, those the viewer may see, by
// name then id, one page at a time.
import type { Actor, ClientId, OrgId } from '@leadline/domain';
import { decodeCursor } from '../../sql/cursor.js';
import { keysetPage } from '../../sql/keyset.js';
import type { Page } from '../../sql/page.js';
import { pageOf, pageSize } from '../../sql/page.js';
import type { ReadModelReader } from '../../store/port.js';
import { readModelDb } from '../database.js';
import { visibleTo } from '../shared/visibility-sql.js';
import type { BoardLead } from './queries.js';
import { boardLead } from './queries.js';

export interface ClientLeadsQuery {
  readonly orgId: OrgId;
  readonly clientId: ClientId;
  readonly viewer: Actor;
  readonly now: Date;
  /** 1 to 500, default 50. */
  readonly limit?: number;
  /** The nextCursor of the page before. */
  readonly after?: string;
}

const ORDER = ['name', 'lead_id'] as const;

export async function clientLeads(reader: ReadModelReader, query: ClientLeadsQuery): Promise<Page<BoardLead>> {
  const size = pageSize(query.limit);
  let leads = readModelDb(reader)
    .selectFrom('pipeline_board_leads')
    .where('org_id', '=', query.orgId)
    .where('client_id', '=', query.clientId)
    .where('state', '=', 'active');
  const visible = visibleTo(query.viewer, query.now);
  if (visible !== null) leads = leads.where(visible);
  const rows = await keysetPage(
    leads.selectAll(),
    ORDER,
    query.after === undefined ? null : decodeCursor(query.after, ORDER.length),
    size,
  );
  return pageOf(
    rows,
    size,
    (row) => [row.name, row.lead_id],
    (row) => boardLead(row, query.now),
  );
}
