// The queries measured: each hot query's first page, and for lists a page reached by following cursors
// deep into the list (the 50th page, or the last one before it).
import type { ReadModelReader } from '@leadline/projections';
import {
  boardStageLeads,
  claimPool,
  clientLeads,
  listClients,
  listLeads,
  searchLeads,
  workQueue,
} from '@leadline/projections';
import type { HotQueryContext } from '@leadline/projections/histories';

type Page = { readonly nextCursor: string | null } | null;
type PageQuery = (reader: ReadModelReader, after: string | undefined) => Promise<Page>;

const ALL_LEADS = {
  columns: ['name', 'company', 'email', 'phone', 'stage', 'owner', 'nextCall', 'lastActivity'],
  sort: [{ field: 'lastActivity', direction: 'desc' }],
  filters: [],
} as const;
const BY_NEXT_CALL = {
  columns: ['name', 'email', 'nextCall'],
  sort: [
    { field: 'nextCall', direction: 'asc' },
    { field: 'name', direction: 'asc' },
  ],
  filters: [],
} as const;

/** Lists that page, for the deep-cursor measurement. */
export function pagedQueries(context: HotQueryContext): Record<string, PageQuery> {
  const { orgId, manager, now } = context;
  const after = (cursor: string | undefined) => (cursor === undefined ? {} : { after: cursor });
  return {
    'a board stage': (reader, cursor) =>
      boardStageLeads(reader, { orgId, viewer: manager, now, stageId: context.stageId, limit: 20, ...after(cursor) }),
    'search by name': (reader, cursor) =>
      searchLeads(reader, { orgId, viewer: manager, now, name: 'a', ...after(cursor) }),
    'work queue': (reader, cursor) =>
      workQueue(reader, { orgId, ownerId: context.ownerId, viewer: manager, now, ...after(cursor) }),
    'claim pool': (reader, cursor) => claimPool(reader, { orgId, now, ...after(cursor) }),
    "a client's leads": (reader, cursor) =>
      clientLeads(reader, { orgId, clientId: context.clientId, viewer: manager, now, limit: 20, ...after(cursor) }),
    clients: (reader, cursor) => listClients(reader, { orgId, limit: 20, ...after(cursor) }),
    // A list view: All leads (last activity first), and a sort on a nullable column over two keys.
    'list: All leads': (reader, cursor) =>
      listLeads(reader, { orgId, viewer: manager, now, ...ALL_LEADS, limit: 50, ...after(cursor) }),
    'list: by next call, then name': (reader, cursor) =>
      listLeads(reader, { orgId, viewer: manager, now, ...BY_NEXT_CALL, limit: 50, ...after(cursor) }),
  };
}

/** The cursor of the page `depth` pages in (or of the last page before the list ends). */
export async function deepCursor(
  reader: ReadModelReader,
  query: PageQuery,
  depth = 50,
): Promise<{ cursor: string | undefined; page: number }> {
  let cursor: string | undefined;
  let page = 1;
  for (; page < depth; page += 1) {
    const next = (await query(reader, cursor))?.nextCursor ?? null;
    if (next === null) break;
    cursor = next;
  }
  return { cursor, page };
}
