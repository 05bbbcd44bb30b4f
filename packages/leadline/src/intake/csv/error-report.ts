// The error report of an import: one line per broken rule of a refused row, as CSV a person opens
// in a spreadsheet next to the file they imported.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface ImportRowError {
  /** The row as a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
  readonly row: number;
  /** The lead field (`email`, `customFields.industry`), or `row` for a problem of the whole row. */
  readonly field: string;
  /** A stable code: the domain's (`VALIDATION_FAILED`, `PERMISSION_DENIED`…) or the runtime's. */
  readonly code: string;
  readonly rule: string;
  readonly message: string;
}

export const ERROR_REPORT_HEADER = ['row', 'field', 'code', 'rule', 'message'] as const;

const quoted = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const errorReportCsv = (errors: readonly ImportRowError[]): string =>
  [
    ERROR_REPORT_HEADER.join(','),
    ...errors.map((error) => [error.row, error.field, error.code, error.rule, error.message].map(quoted).join(',')),
  ].join('\n') + '\n';

/** Writes the report to a file path or a stream (a stream is left open). */
export async function writeErrorReport(target: string | Writable, errors: readonly ImportRowError[]): Promise<void> {
  const text = errorReportCsv(errors);
  if (typeof target !== 'string') {
    if (!target.write(text)) await once(target, 'drain');
    return;
  }
  const file = createWriteStream(target);
  file.end(text);
  await once(file, 'finish');
}
