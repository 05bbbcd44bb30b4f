// `leadline.views`: the organisation's list views — the system views and the saved ones a user sees —
// created, changed (renamed) and deleted as commands on the organisation's list-view stream.
import {
  DomainError,
  DomainErrorCode,
  canSeeView,
  DEFAULT_LIST_COLUMNS,
  listFieldsOf,
  SYSTEM_LIST_VIEWS,
  type Actor,
  type ListField,
  type ListViewDefinition,
  type ListViewEvent,
  type SavedListView,
  type SystemListView,
} from '@leadline/domain';
import type { CommandOutcome } from '../commands/command-handler.js';
import type { IdGenerator } from '../runtime/clock.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';

export type ListView = SystemListView | SavedListView;

export interface CreateListViewInput extends Partial<Omit<ListViewDefinition, 'name'>> {
  readonly name: string;
  /** Generated unless given. */
  readonly viewId?: string;
}

export interface ListViewCreatedResult extends CommandOutcome<ListViewEvent> {
  readonly viewId: string;
}

export interface ListViews {
  /** The system views, then the saved views the viewer sees (shared ones and their own), by name. */
  list(query: { readonly viewer: Actor }): Promise<ListView[]>;
  /** One view by id or name (ignoring case); NOT_FOUND when the viewer has none such. */
  get(query: { readonly viewer: Actor; readonly view: string }): Promise<ListView>;
  /** Every field a view of the viewer's organisation may show, sort or filter by (custom fields included). */
  fields(query: { readonly viewer: Actor }): Promise<ListField[]>;
  /** Columns default to name, company, email, phone, stage, owner; no sort, no filters, private. */
  create(input: CreateListViewInput, acting: Acting): Promise<ListViewCreatedResult>;
  /** Changes what is given; a rename changes `name`. */
  update(
    input: { readonly viewId: string; readonly changes: Partial<ListViewDefinition> },
    acting: Acting,
  ): Promise<CommandOutcome<ListViewEvent>>;
  delete(input: { readonly viewId: string }, acting: Acting): Promise<CommandOutcome<ListViewEvent>>;
}

/** The views a viewer sees: the system ones first, then saved ones by name. */
export async function visibleViews(dispatcher: Dispatcher, viewer: Actor): Promise<ListView[]> {
  const state = await dispatcher.listViewsState(viewer.orgId);
  const saved = Object.values(state.views)
    .filter((view) => canSeeView(viewer, view))
    .sort((a, b) => a.name.localeCompare(b.name) || a.viewId.localeCompare(b.viewId));
  return [...SYSTEM_LIST_VIEWS, ...saved];
}

/** A view by id, else by name ignoring case, among those the viewer sees. */
export async function findView(
  dispatcher: Dispatcher,
  viewer: Actor,
  reference: string,
  field = 'view',
): Promise<ListView> {
  const views = await visibleViews(dispatcher, viewer);
  const lower = reference.trim().toLowerCase();
  const found =
    views.find((view) => view.viewId === reference) ?? views.find((view) => view.name.toLowerCase() === lower);
  if (found === undefined)
    throw new DomainError(DomainErrorCode.NotFound, {
      field,
      rule: 'must-exist',
      message: `There is no list view "${reference}" that ${viewer.userId} can see (leadline views list names them).`,
    });
  return found;
}

/** The organisation's custom fields, which views and lists may name as custom.<key>. */
export async function customFieldsOf(dispatcher: Dispatcher, viewer: Actor) {
  return (await dispatcher.context.organisation(viewer.orgId))?.settings.customFields ?? [];
}

export function createListViews(dispatcher: Dispatcher, ids: IdGenerator): ListViews {
  return {
    list: ({ viewer }) => visibleViews(dispatcher, viewer),
    get: ({ viewer, view }) => findView(dispatcher, viewer, view),
    fields: async ({ viewer }) => [...listFieldsOf(await customFieldsOf(dispatcher, viewer)).values()],
    async create(input, acting) {
      const viewId = input.viewId ?? ids.newId();
      const outcome = await dispatcher.listViews(
        {
          type: 'CreateListView',
          orgId: acting.actor.orgId,
          viewId,
          definition: {
            name: input.name,
            columns: input.columns ?? DEFAULT_LIST_COLUMNS,
            sort: input.sort ?? [],
            filters: input.filters ?? [],
            visibility: input.visibility ?? 'private',
          },
        },
        acting,
      );
      return { ...outcome, viewId };
    },
    update: (input, acting) =>
      dispatcher.listViews({ type: 'ChangeListView', orgId: acting.actor.orgId, ...input }, acting),
    delete: (input, acting) =>
      dispatcher.listViews({ type: 'DeleteListView', orgId: acting.actor.orgId, ...input }, acting),
  };
}
