// Streaming CSV import: parse (csv-parse), map headers, validate each row by the domain's rules, write
// the rows that match nothing a batch at a time (row-batch.ts) and the others behind the duplicate
// guard, several at once but rows sharing an email or phone in file order; ids and keys derive from the
// file's hash and the row. A rerun of the same file creates nothing twice.
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { normaliseEmail, normalisePhone, OrgId, type StageId, type WorkflowId } from '@leadline/domain';
import { CsvError, parse } from 'csv-parse';
import type { Acting } from '../../runtime/dispatcher.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import { openSource, type CsvSource, type Delimiter } from './csv-source.js';
import { CsvFormatError } from './errors.js';
import { writeErrorReport, type ImportRowError } from './error-report.js';
import { detectMapping, type HeaderMapping, type HeaderMappingOverrides } from './header-mapping.js';
import { createProgressMeter, type ImportProgress } from './progress.js';
import { importBatch } from './row-batch.js';
import { createRowPool } from './row-pool.js';
import {
  importRow,
  planRow,
  type DuplicatePolicy,
  type RowJob,
  type RowOutcome,
  type SeenContacts,
} from './row-import.js';
import { rowInput, type RowOptions } from './row-input.js';

export interface ImportOptions extends RowOptions {
  /** Who imports: needs Create Leads (and Manage Leads to merge duplicates or set owners). */
  readonly acting: Acting;
  /** Header per field where detection is wrong or missing; null ignores a column. */
  readonly mapping?: HeaderMappingOverrides;
  /** What a row matching existing leads or earlier rows does (default `skip`). */
  readonly duplicates?: DuplicatePolicy;
  /** Reports everything, writes nothing. */
  readonly dryRun?: boolean;
  /** Detected from the header line when absent. */
  readonly delimiter?: Delimiter;
  /**
   * The file's text encoding when it is not UTF-8 (`latin1`, `windows-1252`, `utf-16le`…, as iconv-lite
   * names them). Without it the file must be valid UTF-8 (a byte order mark is fine) or is refused with
   * INVALID_ENCODING before any row is written.
   */
  readonly encoding?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** How often progress is reported at most, in ms (default 200); the last report always comes. */
  readonly progressEveryMs?: number;
  /** Where the error report (CSV) goes: a file path or a stream. */
  readonly errorReport?: string | Writable;
  /** Rows written per batch: one check of their streams and one write (default 500). */
  readonly batchSize?: number;
  /** Rows that match others, worked through the guarded create at once (default 8). */
  readonly concurrency?: number;
  readonly workflowId?: WorkflowId;
  readonly stageId?: StageId;
}

/** A few hundred rows per write: past that a batch saves little and holds the store's write lock longer. */
const DEFAULT_BATCH_SIZE = 500;

export interface ImportDuplicate {
  readonly row: number;
  readonly leadId: string;
  readonly candidates: readonly string[];
  readonly action: 'skipped' | 'merged' | 'kept';
}

export interface ImportReport {
  /** The file's hash: lead ids and idempotency keys derive from it and the row. */
  readonly importId: string;
  readonly dryRun: boolean;
  readonly delimiter: string;
  /** Field → header it was read from, and the headers nothing read. */
  readonly mapping: { readonly fields: Readonly<Record<string, string>>; readonly unmapped: readonly string[] };
  readonly rows: number;
  readonly created: number;
  /** Rows an earlier run of the same file had already created. */
  readonly alreadyImported: number;
  readonly skipped: number;
  readonly merged: number;
  readonly kept: number;
  readonly failed: number;
  /** Sorted by row; every broken rule of every refused row. */
  readonly errors: readonly ImportRowError[];
  readonly duplicates: readonly ImportDuplicate[];
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
}

export async function importCsv(
  intake: IntakeRuntime,
  source: CsvSource,
  options: ImportOptions,
): Promise<ImportReport> {
  const organisation = await intake.dispatcher.context.organisation(OrgId(options.acting.actor.orgId));
  if (organisation === null)
    throw new CsvFormatError(
      'organisation-exists',
      `Organisation ${options.acting.actor.orgId} is not set up; create it before importing.`,
    );
  const settings = organisation.settings;
  const opened = await openSource(source, options.delimiter, options.encoding);
  const input = opened.open();
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: opened.delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    }),
  );
  // A stream's bad byte (the encoding check) fails the parse instead of leaving it waiting.
  input.on('error', (error) => parser.destroy(error));
  const meter = createProgressMeter(
    opened.rowsTotal,
    opened.bytesTotal,
    () => parser.info.bytes,
    options.onProgress,
    options.progressEveryMs ?? 200,
  );
  const started = performance.now();
  const pool = createRowPool(options.concurrency ?? 8);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  let batch: RowJob[] = [];
  const policy = options.duplicates ?? 'skip';
  const outcomes = new Map<number, RowOutcome>();
  const seen: SeenContacts = new Map();
  let mapping: HeaderMapping | null = null;
  let row = 0;
  // The first row that failed stops the import; boxed, so that even a thrown null counts.
  const failures: { readonly error: unknown }[] = [];

  const job = (record: string[], at: number, columns: HeaderMapping): RowJob => ({
    row: at,
    input: rowInput(record, columns, settings, options),
    acting: {
      ...options.acting,
      idempotencyKey: `import:${opened.importId}:${at}`,
      metadata: { ...options.acting.metadata, import: { importId: opened.importId, row: at } },
    },
    policy,
    ...(options.workflowId === undefined ? {} : { workflowId: options.workflowId }),
    ...(options.stageId === undefined ? {} : { stageId: options.stageId }),
  });
  /** Rows sharing an email or phone run in file order, so the first of them is the one created. */
  const contactKeys = (work: RowJob): string[] => {
    const email = work.input.details.email ? normaliseEmail(work.input.details.email) : null;
    const phone = work.input.details.phone
      ? normalisePhone(work.input.details.phone, settings.defaultCountryCallingCode)
      : null;
    return [email === null ? null : `e:${email}`, phone === null ? null : `p:${phone}`].filter(
      (key): key is string => key !== null,
    );
  };

  /** The batch written, then its rows that match others one by one; a failure stops the import. */
  const flush = async (): Promise<void> => {
    const rows = batch;
    batch = [];
    if (rows.length === 0 || failures.length > 0) return;
    let written: Awaited<ReturnType<typeof importBatch>>;
    try {
      written = await importBatch(intake, rows);
    } catch (error) {
      failures.push({ error });
      return;
    }
    for (const [at, outcome] of written.outcomes) {
      outcomes.set(at, outcome);
      meter.rowDone();
    }
    for (const work of written.oneByOne) {
      await pool.add(contactKeys(work), async () => {
        try {
          outcomes.set(work.row, await importRow(intake, work));
          meter.rowDone();
        } catch (error) {
          if (failures.length === 0) failures.push({ error });
        }
      });
    }
    // The next batch's check must see what these rows reserved.
    await pool.drain();
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (mapping === null) {
        mapping = detectMapping(record, settings.customFields, options.mapping);
        continue;
      }
      if (failures.length > 0) break;
      const work = job(record, row, mapping);
      if (options.dryRun === true) {
        outcomes.set(work.row, await planRow(intake, work, seen));
        meter.rowDone();
        continue;
      }
      batch.push(work);
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    // The rows read before the file broke are imported, as when each row was written on its own.
    await flush();
    if (error instanceof CsvError)
      throw new CsvFormatError(
        error.code,
        `The file is not valid CSV near line ${parser.info.lines}: ${error.message}`,
        error,
      );
    throw error;
  }
  await flush();
  const [failure] = failures;
  if (failure !== undefined) throw failure.error;
  if (mapping === null)
    throw new CsvFormatError('header-row', 'The file is empty: it needs a header row naming its columns.');
  meter.finish();
  const report = summarise(
    opened.importId,
    options.dryRun === true,
    opened.delimiter,
    mapping,
    outcomes,
    performance.now() - started,
  );
  if (options.errorReport !== undefined) await writeErrorReport(options.errorReport, report.errors);
  return report;
}

function summarise(
  importId: string,
  dryRun: boolean,
  delimiter: string,
  mapping: HeaderMapping,
  outcomes: ReadonlyMap<number, RowOutcome>,
  elapsedMs: number,
): ImportReport {
  const counts = { created: 0, 'already-imported': 0, skipped: 0, merged: 0, kept: 0, failed: 0 };
  const errors: ImportRowError[] = [];
  const duplicates: ImportDuplicate[] = [];
  for (const [row, outcome] of [...outcomes.entries()].sort((a, b) => a[0] - b[0])) {
    counts[outcome.kind] += 1;
    if (outcome.kind === 'failed') errors.push(...outcome.errors);
    else if (outcome.kind === 'skipped' || outcome.kind === 'merged' || outcome.kind === 'kept') {
      duplicates.push({ row, leadId: outcome.leadId, candidates: outcome.candidates, action: outcome.kind });
    }
  }
  return {
    importId,
    dryRun,
    delimiter,
    mapping: { fields: mapping.described, unmapped: mapping.unmapped },
    rows: outcomes.size,
    created: counts.created,
    alreadyImported: counts['already-imported'],
    skipped: counts.skipped,
    merged: counts.merged,
    kept: counts.kept,
    failed: counts.failed,
    errors,
    duplicates,
    elapsedMs,
    rowsPerSecond: elapsedMs > 0 ? Math.round((outcomes.size / elapsedMs) * 1000) : 0,
  };
}
