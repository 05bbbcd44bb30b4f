// The leads list on the list-view resources: pick a view (the system views and the saved ones), sort by
// a column, filter by owner, source and stage, search names, and page with the cursor ("Next page").
// Each page is one `POST /lead-lists` call, so the database filters, sorts and pages and the viewer sees
// only what they may. A form for a new lead and a selection with mass actions (transfer, delete).
import { useState } from 'preact/hooks';
import { api, type AdHocView, type ListColumn, type ListedLead, type Person } from '../api.js';
import { html } from '../html.js';
import { Alert, formatMoney, useAction, useLoad } from '../load.js';
import { linkTo } from '../router.js';
import { NewLeadForm } from './new-lead.js';

const PAGE_SIZE = 25;
const ALL_LEADS = 'system.all-leads';

type Filter = NonNullable<AdHocView['filters']>[number];
type Sort = NonNullable<AdHocView['sort']>[number];

interface ListFilters {
  readonly owner?: string;
  readonly source?: string;
  readonly stage?: string;
  readonly text?: string;
}

const filtersOf = (chosen: ListFilters): Filter[] => [
  ...(chosen.owner === undefined ? [] : [{ field: 'owner', op: 'eq', value: chosen.owner } as const]),
  ...(chosen.source === undefined ? [] : [{ field: 'source', op: 'eq', value: chosen.source } as const]),
  ...(chosen.stage === undefined ? [] : [{ field: 'stage', op: 'eq', value: chosen.stage } as const]),
  ...(chosen.text === undefined ? [] : [{ field: 'name', op: 'contains', value: chosen.text } as const]),
];

function cellOf(column: ListColumn, value: ListedLead['values'][string] | undefined): string {
  if (value === null || value === undefined) return column.key === 'owner' ? 'pool' : '';
  if (typeof value === 'object') return formatMoney(value);
  return String(value);
}

function MassActions({
  selected,
  people,
  onDone,
}: {
  readonly selected: readonly string[];
  readonly people: readonly Person[];
  readonly onDone: () => void;
}) {
  const [target, setTarget] = useState(people[0]?.userId ?? '');
  const action = useAction(onDone);
  if (selected.length === 0) return null;
  const remove = (): void => {
    if (confirm(`Delete ${selected.length} lead(s)?`)) void action.run(() => api.deleteMany(selected));
  };
  return html`<div class="mass-actions" role="toolbar" aria-label="Mass actions">
    <strong>${selected.length} selected</strong>
    <label
      >Transfer to
      <select
        name="transfer-to"
        value=${target}
        onChange=${(event: Event) => setTarget((event.target as HTMLSelectElement).value)}
      >
        ${people.map((person) => html`<option value=${person.userId}>${person.name}</option>`)}
      </select></label
    >
    <button type="button" onClick=${() => void action.run(() => api.transfer(selected, target))}>Transfer</button>
    <button type="button" class="danger" onClick=${remove}>Delete</button>
    <${Alert} message=${action.failure} />
  </div>`;
}

export function ListPage({
  people,
  sources,
}: {
  readonly people: readonly Person[];
  readonly sources: readonly string[];
}) {
  const [view, setView] = useState(ALL_LEADS);
  const [filters, setFilters] = useState<ListFilters>({});
  const [searchText, setSearchText] = useState('');
  const [sort, setSort] = useState<Sort | null>(null);
  /** The cursors of the pages before this one (the first page has none). */
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const views = useLoad(() => api.views(), []);
  const cursor = cursors.at(-1);
  // The page's own filters narrow the view's: the API takes adHoc filters instead of the view's, so
  // both are sent (none at all when the page adds none, and the view's apply as saved).
  const viewFilters = views.data?.find((choice) => choice.viewId === view)?.filters ?? [];
  const ownFilters = filtersOf(filters);
  const list = useLoad(
    () =>
      api.leadList({
        view,
        adHoc: {
          ...(ownFilters.length === 0 ? {} : { filters: [...viewFilters, ...ownFilters] }),
          ...(sort === null ? {} : { sort: [sort] }),
        },
        ...(cursor === undefined ? {} : { cursor }),
        limit: PAGE_SIZE,
      }),
    [view, filters, sort, cursor, views.data === null],
  );
  const stages = useLoad(() => api.board({ leadsPerStage: 0 }), []);
  /** A new view, sort or filter starts again from the first page. */
  const fromTheTop =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      setCursors([]);
      set(value);
    };
  const setFilter = (name: keyof ListFilters) => (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    fromTheTop(setFilters)({ ...filters, [name]: value === '' ? undefined : value });
  };
  const toggle = (leadId: string): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(leadId)) next.add(leadId);
      return next;
    });
  const afterMassAction = (): void => {
    setSelected(new Set());
    list.reload();
  };
  const columns = list.data?.columns ?? [];
  const rows = list.data?.items ?? [];
  const nextCursor = list.data?.nextCursor ?? null;

  return html`<h1>Leads</h1>
    <${NewLeadForm} sources=${sources} onCreated=${list.reload} />
    <label class="view-picker"
      >View
      <select
        name="view"
        value=${view}
        onChange=${(event: Event) => fromTheTop(setView)((event.target as HTMLSelectElement).value)}
      >
        ${(views.data ?? []).map((choice) => html`<option value=${choice.viewId}>${choice.name}</option>`)}
      </select></label
    >
    <form
      class="filters"
      role="search"
      onSubmit=${(event: Event) => {
        event.preventDefault();
        fromTheTop(setFilters)({ ...filters, text: searchText.trim() === '' ? undefined : searchText.trim() });
      }}
    >
      <input
        type="search"
        name="search"
        placeholder="Search names"
        value=${searchText}
        onInput=${(event: Event) => setSearchText((event.target as HTMLInputElement).value)}
      />
      <button type="submit">Search</button>
      <select name="owner" onChange=${setFilter('owner')}>
        <option value="">Any owner</option>
        ${people.map((person) => html`<option value=${person.userId}>${person.name}</option>`)}
      </select>
      <select name="source" onChange=${setFilter('source')}>
        <option value="">Any source</option>
        ${sources.map((source) => html`<option value=${source}>${source}</option>`)}
      </select>
      <select name="stage" onChange=${setFilter('stage')}>
        <option value="">Any stage</option>
        ${(stages.data?.stages ?? []).map((stage) => html`<option value=${stage.stageId}>${stage.name}</option>`)}
      </select>
    </form>
    <${MassActions} selected=${[...selected]} people=${people} onDone=${afterMassAction} />
    <${Alert} message=${list.error ?? views.error} />
    <table class="leads" aria-busy=${list.loading}>
      <thead>
        <tr>
          <th><span class="visually-hidden">Select</span></th>
          ${columns.map(
            (column) =>
              html`<th
                data-column=${column.key}
                aria-sort=${
                  sort?.field === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
                }
              >
                <button
                  type="button"
                  class="sort"
                  onClick=${() =>
                    fromTheTop(setSort)({
                      field: column.key,
                      direction: sort?.field === column.key && sort.direction === 'asc' ? 'desc' : 'asc',
                    })}
                >
                  ${column.label}
                </button>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => {
          const name = typeof row.values['name'] === 'string' ? row.values['name'] : row.leadId;
          return html`<tr key=${row.leadId} data-lead-id=${row.leadId}>
            <td>
              <input
                type="checkbox"
                aria-label=${`Select ${name}`}
                checked=${selected.has(row.leadId)}
                onChange=${() => toggle(row.leadId)}
              />
            </td>
            ${columns.map((column) =>
              column.key === 'name'
                ? html`<td><a href=${linkTo({ page: 'lead', leadId: row.leadId })}>${name}</a></td>`
                : html`<td
                    data-column=${column.key}
                    data-owner=${column.key === 'owner' ? true : undefined}
                    class=${column.type === 'money' ? 'number' : undefined}
                  >
                    ${cellOf(column, row.values[column.key])}
                  </td>`,
            )}
          </tr>`;
        })}
      </tbody>
    </table>
    <nav class="pages" aria-label="Pages">
      <button type="button" disabled=${cursors.length === 0} onClick=${() => setCursors(cursors.slice(0, -1))}>
        Previous page
      </button>
      <span data-page-number>Page ${cursors.length + 1}</span>
      <button
        type="button"
        disabled=${nextCursor === null}
        onClick=${() => nextCursor !== null && setCursors([...cursors, nextCursor])}
      >
        Next page
      </button>
    </nav>
    <p class="meta" data-row-count>${rows.length} shown</p>`;
}
