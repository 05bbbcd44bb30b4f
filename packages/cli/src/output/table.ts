// Tables for people, drawn by cli-table3; plain borders so a log file or a pipe shows them unchanged.
import Table from 'cli-table3';
import { terminalSafe } from './terminal-text.js';

export type Cell = string | number | null | undefined;

const cellText = (cell: Cell): string => (cell === null || cell === undefined ? '' : terminalSafe(String(cell)));

export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  align?: readonly ('left' | 'right')[],
): string {
  const table = new Table({
    head: head.map((name) => terminalSafe(name)),
    style: { head: [], border: [], compact: true },
    ...(align === undefined ? {} : { colAligns: [...align] }),
  });
  for (const row of rows) table.push(row.map(cellText));
  return table.toString();
}

/** Key/value pairs as a two-column table without a header. */
export function renderPairs(pairs: readonly (readonly [string, Cell])[]): string {
  const table = new Table({ style: { head: [], border: [], compact: true } });
  for (const [key, value] of pairs) table.push({ [terminalSafe(key)]: cellText(value) });
  return table.toString();
}
