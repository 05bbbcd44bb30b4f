// The leads list: columns, sorting by any column, filters (owner, source, stage), a search box, a form
// for a new lead, and a selection with mass actions (transfer to a person, delete). Rows come from the
// board's query with its filters, so the database filters and the viewer sees only what they may.
import { useMemo, useState } from 'preact/hooks';
import { api, type BoardFilters, type BoardLead, type Person } from '../api.js';
import { html } from '../html.js';
import { Alert, formatMoney, useAction, useLoad } from '../load.js';
import { linkTo } from '../router.js';
import { NewLeadForm } from './new-lead.js';

interface Row extends BoardLead {
  readonly stage: string;
}

const COLUMNS = [
  { key: 'name', title: 'Name' },
  { key: 'company', title: 'Company' },
  { key: 'source', title: 'Source' },
  { key: 'stage', title: 'Stage' },
  { key: 'ownerId', title: 'Owner' },
  { key: 'value', title: 'Value' },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

const sortValue = (row: Row, key: ColumnKey): string | number =>
  key === 'value' ? (row.estimatedValue?.amountMinor ?? -1) : (row[key] ?? '');

function sortRows(rows: readonly Row[], key: ColumnKey, ascending: boolean): Row[] {
  const direction = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : String(left).localeCompare(String(right), undefined, { numeric: true });
    return order * direction;
  });
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
  const [filters, setFilters] = useState<BoardFilters>({});
  const [searchText, setSearchText] = useState('');
  const [sort, setSort] = useState<{ key: ColumnKey; ascending: boolean }>({ key: 'name', ascending: true });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const board = useLoad(() => api.board(filters), [filters]);
  const rows = useMemo(() => {
    const all = (board.data?.stages ?? []).flatMap((stage) =>
      stage.leads.map((lead) => ({ ...lead, stage: stage.name })),
    );
    return sortRows(all, sort.key, sort.ascending);
  }, [board.data, sort]);
  const setFilter = (name: keyof BoardFilters) => (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    setFilters((current) => ({ ...current, [name]: value === '' ? undefined : value }));
  };
  const toggle = (leadId: string): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(leadId)) next.add(leadId);
      return next;
    });
  const afterMassAction = (): void => {
    setSelected(new Set());
    board.reload();
  };

  return html`<h1>Leads</h1>
    <${NewLeadForm} sources=${sources} onCreated=${board.reload} />
    <form
      class="filters"
      role="search"
      onSubmit=${(event: Event) => {
        event.preventDefault();
        setFilters((current) => ({ ...current, text: searchText.trim() === '' ? undefined : searchText.trim() }));
      }}
    >
      <input
        type="search"
        name="search"
        placeholder="Search name, company, email"
        value=${searchText}
        onInput=${(event: Event) => setSearchText((event.target as HTMLInputElement).value)}
      />
      <button type="submit">Search</button>
      <select name="owner" onChange=${setFilter('ownerId')}>
        <option value="">Any owner</option>
        ${people.map((person) => html`<option value=${person.userId}>${person.name}</option>`)}
      </select>
      <select name="source" onChange=${setFilter('source')}>
        <option value="">Any source</option>
        ${sources.map((source) => html`<option value=${source}>${source}</option>`)}
      </select>
      <select name="stage" onChange=${setFilter('stageId')}>
        <option value="">Any stage</option>
        ${(board.data?.stages ?? []).map((stage) => html`<option value=${stage.stageId}>${stage.name}</option>`)}
      </select>
    </form>
    <${MassActions} selected=${[...selected]} people=${people} onDone=${afterMassAction} />
    <${Alert} message=${board.error} />
    <table class="leads" aria-busy=${board.data === null}>
      <thead>
        <tr>
          <th><span class="visually-hidden">Select</span></th>
          ${COLUMNS.map(
            (column) =>
              html`<th aria-sort=${sort.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  class="sort"
                  onClick=${() =>
                    setSort((current) => ({
                      key: column.key,
                      ascending: current.key === column.key ? !current.ascending : true,
                    }))}
                >
                  ${column.title}
                </button>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr key=${row.leadId} data-lead-id=${row.leadId}>
              <td>
                <input
                  type="checkbox"
                  aria-label=${`Select ${row.name}`}
                  checked=${selected.has(row.leadId)}
                  onChange=${() => toggle(row.leadId)}
                />
              </td>
              <td><a href=${linkTo({ page: 'lead', leadId: row.leadId })}>${row.name}</a></td>
              <td>${row.company ?? ''}</td>
              <td>${row.source}</td>
              <td>${row.stage}</td>
              <td data-owner>${row.ownerId ?? 'pool'}</td>
              <td class="number">${formatMoney(row.estimatedValue)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="meta" data-row-count>${rows.length} shown</p>`;
}
