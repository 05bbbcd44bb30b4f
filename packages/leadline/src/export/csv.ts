// CSV for exports: RFC 4180 quoting, and cells a spreadsheet would run as a formula neutralised.

/** Characters that make Excel, LibreOffice or Sheets treat a cell as a formula (or split it). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A leading apostrophe makes a spreadsheet show the text as typed instead of evaluating it. */
export function neutraliseCell(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value.charAt(0)) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV line with its CRLF, what a streamed export writes per row. Numbers are written as they are (a
 * negative number is a number, not a formula); text is neutralised unless `raw` (a file meant for
 * Leadline's own importer, not for a spreadsheet).
 */
export function csvLine(values: readonly CsvValue[], options: { readonly raw?: boolean } = {}): string {
  const text = (value: string): string => quote(options.raw === true ? value : neutraliseCell(value));
  const cell = (value: CsvValue): string =>
    value === null || value === undefined ? '' : typeof value === 'string' ? text(value) : String(value);
  return `${values.map(cell).join(',')}\r\n`;
}

/** A whole sheet: the header line, then each row. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { readonly raw?: boolean } = {},
): string {
  return [header, ...rows].map((row) => csvLine(row, options)).join('');
}
