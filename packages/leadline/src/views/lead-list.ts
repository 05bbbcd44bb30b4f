// `leadline.leads.list`: a page of a view (system or saved, by id or name) or of an ad-hoc definition, or
// of a view with ad-hoc changes on top; each page one SQL statement with the viewer's visibility.
import {
  checkListView,
  listFieldsOf,
  throwIfAny,
  type Actor,
  type Issues,
  type ListField,
  type ListFilter,
  type ListSort,
  type ListViewDefinition,
} from '@leadline/domain';
import { listLeads, type ListedLead, type ReadModelReader } from '@leadline/projections';
import type { Clock } from '../runtime/clock.js';
import type { Dispatcher } from '../runtime/dispatcher.js';
import { customFieldsOf, findView } from './list-views.js';

/** Columns, sort and filters given with the query: alone, or replacing those of `view`. */
export interface AdHocView {
  readonly columns?: readonly string[];
  readonly sort?: readonly ListSort[];
  readonly filters?: readonly ListFilter[];
}

export interface LeadListInput {
  readonly viewer: Actor;
  /** A view's id or name; All leads when neither this nor adHoc is given. */
  readonly view?: string;
  readonly adHoc?: AdHocView;
  /** The nextCursor of the page before. */
  readonly cursor?: string;
  /** 1 to 500, default 50. */
  readonly limit?: number;
  /** Claims and relative dates are judged at the clock's now unless given. */
  readonly now?: Date;
}

export interface LeadListPage {
  readonly view: { readonly viewId: string | null; readonly name: string };
  /** The page's columns, in order, with their labels and types. */
  readonly columns: readonly ListField[];
  readonly items: readonly ListedLead[];
  readonly nextCursor: string | null;
}

const ALL_LEADS = 'system.all-leads';

/** The definition a list input names, checked against the organisation's fields as they are now. */
export async function resolveList(dispatcher: Dispatcher, input: LeadListInput) {
  const base =
    input.view === undefined && input.adHoc !== undefined
      ? null
      : await findView(dispatcher, input.viewer, input.view ?? ALL_LEADS);
  const customFields = await customFieldsOf(dispatcher, input.viewer);
  const fields = listFieldsOf(customFields);
  const definition: ListViewDefinition = {
    name: base?.name ?? 'Ad hoc',
    columns: input.adHoc?.columns ?? base?.columns ?? ['name', 'company', 'email', 'phone', 'stage', 'owner'],
    sort: input.adHoc?.sort ?? base?.sort ?? [],
    filters: input.adHoc?.filters ?? base?.filters ?? [],
    visibility: 'private',
  };
  const issues: Issues = [];
  const checked = checkListView(issues, definition, fields);
  throwIfAny(
    issues.map((found) => ({
      ...found,
      field: `${base === null || input.adHoc !== undefined ? 'adHoc' : 'view'}.${found.field}`,
    })),
  );
  return {
    view: { viewId: base?.viewId ?? null, name: checked.name },
    definition: checked,
    customFields,
    fields,
    columns: checked.columns.flatMap((key) => fields.get(key) ?? []),
  };
}

export type ResolvedList = Awaited<ReturnType<typeof resolveList>>;

/** One page of a resolved list. */
export function readPage(
  reader: ReadModelReader,
  list: ResolvedList,
  viewer: Actor,
  page: { readonly now: Date; readonly cursor?: string; readonly limit?: number },
) {
  return listLeads(reader, {
    orgId: viewer.orgId,
    viewer,
    now: page.now,
    columns: list.definition.columns,
    sort: list.definition.sort,
    filters: list.definition.filters,
    customFields: list.customFields,
    ...(page.limit === undefined ? {} : { limit: page.limit }),
    ...(page.cursor === undefined ? {} : { after: page.cursor }),
  });
}

/** Every page of a list in order, read one at a time (nothing loads the whole list). */
export async function* pagesOf(
  reader: ReadModelReader,
  list: ResolvedList,
  viewer: Actor,
  now: Date,
  limit = 500,
): AsyncGenerator<readonly ListedLead[]> {
  let cursor: string | undefined;
  do {
    const page = await readPage(reader, list, viewer, { now, limit, ...(cursor === undefined ? {} : { cursor }) });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

export function createLeadList(reader: () => ReadModelReader, clock: Clock, dispatcher: Dispatcher) {
  return async (input: LeadListInput): Promise<LeadListPage> => {
    const list = await resolveList(dispatcher, input);
    const page = await readPage(reader(), list, input.viewer, {
      now: input.now ?? clock.now(),
      ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
    });
    return { view: list.view, columns: list.columns, items: page.items, nextCursor: page.nextCursor };
  };
}
