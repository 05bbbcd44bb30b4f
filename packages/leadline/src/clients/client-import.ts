// CSV import of clients: the lead import's source handling (encoding, delimiter, content hash) and header
// detection, one client per row. Client ids and idempotency keys derive from the file's hash and the row
// (or come from a "client id" column), so a rerun of the same file creates nothing twice; a refused row
// writes nothing and is reported with the field and rule it broke.
import { ClientId, ClientOrigin, isDomainError, ValidationError, type ClientDetailsInput } from '@leadline/domain';
import { parse } from 'csv-parse';
import { derivedId } from '../commands/idempotency.js';
import { openSource, type CsvSource } from '../intake/csv/csv-source.js';
import type { ImportOptions } from '../intake/csv/import-csv.js';
import { CsvFormatError } from '../intake/csv/errors.js';
import { writeErrorReport, type ImportRowError } from '../intake/csv/error-report.js';
import { detectMapping, headerKey, type HeaderMapping } from '../intake/csv/header-mapping.js';
import type { Dispatcher } from '../runtime/dispatcher.js';

/** Who imports (Create Leads), and how the file is read and its refused rows reported, as for leads. */
export type ClientImportOptions = Pick<ImportOptions, 'acting' | 'delimiter' | 'encoding' | 'errorReport'>;

export interface ClientImportReport {
  /** The file's hash: client ids and idempotency keys derive from it and the row. */
  readonly importId: string;
  readonly rows: number;
  readonly created: number;
  /** Rows an earlier run of the same file had already created. */
  readonly alreadyImported: number;
  readonly failed: number;
  /** The client ids created (or found created by an earlier run), in row order. */
  readonly clientIds: readonly ClientId[];
  /** Sorted by row; every broken rule of every refused row. */
  readonly errors: readonly ImportRowError[];
}

const CLIENT_ID_HEADERS = new Set(['clientid', 'id', 'customerid']);

export async function importClients(
  dispatcher: Dispatcher,
  source: CsvSource,
  options: ClientImportOptions,
): Promise<ClientImportReport> {
  const opened = await openSource(source, options.delimiter, options.encoding);
  const input = opened.open();
  const parser = input.pipe(
    parse({ bom: true, delimiter: opened.delimiter, relax_column_count: true, skip_empty_lines: true }),
  );
  input.on('error', (error) => parser.destroy(error));
  const { actor } = options.acting;
  const counts = { created: 0, alreadyImported: 0, failed: 0 };
  const clientIds: ClientId[] = [];
  const errors: ImportRowError[] = [];
  let columns: { readonly mapping: HeaderMapping; readonly clientId: number } | null = null;
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    if (columns === null) {
      columns = {
        mapping: detectMapping(record, []),
        clientId: record.findIndex((h) => CLIENT_ID_HEADERS.has(headerKey(h))),
      };
      continue;
    }
    const key = `import-clients:${opened.importId}:${row}`;
    const clientId = ClientId(record[columns.clientId]?.trim() || derivedId(actor.orgId, key, 'client'));
    try {
      const outcome = await dispatcher.client(
        { type: 'CreateClient', clientId, details: detailsOf(record, columns.mapping), origin: ClientOrigin.Import },
        { ...options.acting, idempotencyKey: key },
      );
      counts[outcome.replayed ? 'alreadyImported' : 'created'] += 1;
      clientIds.push(clientId);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      counts.failed += 1;
      const broken = error instanceof ValidationError ? error.issues : [error];
      for (const issue of broken)
        errors.push({ row, field: issue.field, code: error.code, rule: issue.rule, message: issue.message });
    }
  }
  if (columns === null)
    throw new CsvFormatError('header-row', 'The file is empty: it needs a header row naming its columns.');
  if (options.errorReport !== undefined) await writeErrorReport(options.errorReport, errors);
  return { importId: opened.importId, rows: row - 1, ...counts, clientIds, errors };
}

function detailsOf(record: readonly string[], mapping: HeaderMapping): ClientDetailsInput {
  const cell = (index: number | undefined): string | null => (index === undefined ? null : (record[index] ?? null));
  const { fields } = mapping;
  const name =
    cell(fields.name) ??
    [cell(fields.firstName), cell(fields.lastName)].filter((part) => part !== null && part.trim() !== '').join(' ');
  return { name, email: cell(fields.email), phone: cell(fields.phone), company: cell(fields.company) };
}
