// A view exported as CSV, streamed page by page: its columns (email and phone added when the view does
// not show them), a lead id first, and every cell a spreadsheet would run as a formula neutralised.
import type { ListValue, ReadModelReader } from '@leadline/projections';
import type { Clock } from '../runtime/clock.js';
import type { Dispatcher } from '../runtime/dispatcher.js';
import { pagesOf, resolveList, type LeadListInput } from '../views/lead-list.js';
import { csvLine, type CsvValue } from './csv.js';

export interface ExportViewInput extends Omit<LeadListInput, 'cursor' | 'limit'> {
  /** Add email and phone when the view does not show them (default true). */
  readonly contact?: boolean;
}

const CONTACT_COLUMNS = ['email', 'phone'] as const;

/** Money as its amount in major units and its currency; booleans as yes / no. */
const cellOf = (value: ListValue): CsvValue => {
  if (value === null || typeof value !== 'object') return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  return `${(value.amountMinor / 100).toFixed(2)} ${value.currency}`;
};

export function createViewExport(reader: () => ReadModelReader, clock: Clock, dispatcher: Dispatcher) {
  return async function* exportCsv(input: ExportViewInput): AsyncGenerator<string> {
    const resolved = await resolveList(dispatcher, input);
    const shown = resolved.definition.columns;
    const added = input.contact === false ? [] : CONTACT_COLUMNS.filter((key) => !shown.includes(key));
    const columns = [...shown, ...added];
    const list = { ...resolved, definition: { ...resolved.definition, columns } };
    yield csvLine(['Lead id', ...columns.map((key) => resolved.fields.get(key)?.label ?? key)]);
    for await (const items of pagesOf(reader(), list, input.viewer, input.now ?? clock.now())) {
      yield items
        .map((item) => csvLine([item.leadId, ...columns.map((key) => cellOf(item.values[key] ?? null))]))
        .join('');
    }
  };
}
