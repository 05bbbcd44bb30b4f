// `leadline export`: the pipeline, sources, a journey or every lead as CSV (safe to open in a
// spreadsheet: formula-like cells are neutralised) or JSON, to stdout or a file.
import { terminalSafe } from '../../output/terminal-text.js';
import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkflowId } from '@leadline/domain';
import { Argument, Option } from 'commander';
import { badInput } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { toCsv, type CsvValue } from '../../output/csv.js';
import { toJson, type CliIo } from '../../output/io.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from '../queries/as-of-option.js';
import { loadJourney } from '../queries/journey.js';
import { loadPipeline } from '../queries/pipeline.js';
import { readSide } from '../queries/read-side.js';
import { loadSources } from '../queries/sources.js';
import { listWorkflows } from '../workflow/workflow-list.js';

interface Sheet {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

const amount = (values: readonly { amountMinor: number }[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value.amountMinor, 0) / 100;

async function sheetOf(
  session: Session,
  what: string,
  lead: string | undefined,
  asOf: string | undefined,
): Promise<Sheet> {
  const at = asOf === undefined ? {} : { asOf };
  switch (what) {
    case 'pipeline': {
      const board = await loadPipeline(session, { ...at, leads: 0 });
      return {
        header: ['workflow', 'stage', 'category', 'leads', 'value'],
        rows: board.stages.map((stage) => [
          board.workflowName,
          stage.name,
          stage.category,
          stage.count,
          amount(stage.value),
        ]),
      };
    }
    case 'sources': {
      const report = await loadSources(session, { by: 'month', ...at });
      return {
        header: [
          'source',
          'month',
          'created',
          'contacted',
          'qualified',
          'converted',
          'lost',
          'conversion_rate',
          'median_days_to_convert',
        ],
        rows: report.rows.map((row) => [
          row.source,
          row.period,
          row.created,
          row.contacted,
          row.qualified,
          row.converted,
          row.lost,
          row.conversionRate,
          row.medianTimeToConvertMs === null ? null : row.medianTimeToConvertMs / 86_400_000,
        ]),
      };
    }
    case 'journey': {
      if (lead === undefined)
        throw badInput(
          'lead',
          'required-for-journey',
          'Name the lead whose journey to export.',
          'leadline export journey LEAD --format csv',
        );
      const journey = await loadJourney(session, lead, asOf);
      return {
        header: ['seq', 'occurred_at', 'actor', 'kind', 'summary', 'hash'],
        rows: journey.steps.map((step) => [
          step.seq,
          step.occurredAt,
          step.actorId,
          step.kind,
          step.summary,
          step.hash,
        ]),
      };
    }
    default:
      return leadsSheet(session, asOf);
  }
}

async function leadsSheet(session: Session, asOf: string | undefined): Promise<Sheet> {
  const workflows = await listWorkflows(session);
  const side = await readSide(session, asOf);
  try {
    const { actor } = await session.acting();
    const rows: CsvValue[][] = [];
    for (const workflow of workflows) {
      const board = await side.queries.pipelineBoard({
        viewer: actor,
        now: side.now,
        workflowId: WorkflowId(workflow.workflowId),
      });
      for (const stage of board?.stages ?? []) {
        for (const lead of stage.leads) {
          rows.push([
            lead.leadId,
            lead.name,
            lead.company,
            lead.source,
            workflow.name,
            stage.name,
            lead.ownerId,
            lead.claimedBy,
            lead.estimatedValue === null ? null : lead.estimatedValue.amountMinor / 100,
            lead.estimatedValue?.currency,
            lead.nextCallAt,
          ]);
        }
      }
    }
    return {
      header: [
        'lead_id',
        'name',
        'company',
        'source',
        'workflow',
        'stage',
        'owner',
        'claimed_by',
        'estimated_value',
        'currency',
        'next_call_at',
      ],
      rows,
    };
  } finally {
    await side.close();
  }
}

/** A view as CSV, written as each page is read (the file or stdout never waits for the whole list). */
async function exportView(
  session: Session,
  io: CliIo,
  view: string,
  options: { format?: 'csv' | 'json'; out?: string; asOf?: string },
): Promise<void> {
  if (options.format === 'json' || options.asOf !== undefined)
    throw badInput(
      '--view',
      'csv-live-only',
      'A view is exported as CSV of the live read models.',
      'Drop --format json / --as-of.',
    );
  if (session.json && options.out === undefined)
    throw badInput(
      '--format',
      'json-on-stdout',
      'With --json only JSON is printed.',
      'Write the CSV to a file with --out FILE.',
    );
  await session.catchUp();
  const { actor } = await session.acting();
  const chunks = session.leadline.views.exportCsv({ viewer: actor, view, now: session.now() });
  const file = options.out === undefined ? null : resolve(io.cwd, options.out);
  let rows = -1;
  if (file !== null) writeFileSync(file, '');
  for await (const chunk of chunks) {
    rows += chunk.split('\r\n').length - 1;
    if (file === null)
      io.stdout(
        chunk
          .split('\r\n')
          .map((line) => terminalSafe(line, { multiline: true }))
          .join('\r\n'),
      );
    else appendFileSync(file, chunk);
  }
  if (file === null) return;
  if (session.json) session.print({ file, rows, format: 'csv' }, () => '');
  else io.stderr(`exported ${String(rows)} rows to ${file}\n`);
}

export const registerExport: Registrar = (program, io) => {
  program
    .command('export')
    .description('export the pipeline, sources, a journey or all leads as CSV or JSON')
    .addArgument(new Argument('[what]', 'what to export').choices(['pipeline', 'sources', 'journey', 'leads']))
    .argument('[lead]', 'the lead (for a journey)')
    .addOption(
      new Option('--format <format>', 'file format (default: csv, or json with --json)').choices(['csv', 'json']),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--view <view>', 'export a list view (name or id) as CSV, page by page, with email and phone')
    .addOption(asOfOption())
    .action(
      withSession<{ format?: 'csv' | 'json'; out?: string; asOf?: string; view?: string }>(
        io,
        async (session, [what, lead], options) => {
          if (options.view !== undefined) {
            await exportView(session, io, options.view, options);
            return;
          }
          const format = options.format ?? (session.json ? 'json' : 'csv');
          // --json promises a script nothing but JSON on stdout.
          if (session.json && format === 'csv' && options.out === undefined)
            throw badInput(
              '--format',
              'json-on-stdout',
              'With --json only JSON is printed, and --format csv asks for CSV.',
              'Drop --format csv, or write the CSV to a file with --out FILE.',
            );
          const sheet = await sheetOf(session, what ?? 'leads', lead, options.asOf);
          const text =
            format === 'csv'
              ? toCsv(sheet.header, sheet.rows)
              : `${toJson(sheet.rows.map((row) => Object.fromEntries(sheet.header.map((name, index) => [name, row[index] ?? null]))))}\n`;
          if (options.out === undefined) {
            // On stdout the rows may reach a terminal: shown escaped there; --out writes them exactly.
            io.stdout(
              text
                .split('\r\n')
                .map((line) => terminalSafe(line, { multiline: true }))
                .join('\r\n'),
            );
            return;
          }
          const file = resolve(io.cwd, options.out);
          writeFileSync(file, text);
          if (session.json) session.print({ file, rows: sheet.rows.length, format }, () => '');
          else io.stderr(`exported ${sheet.rows.length} rows to ${file}\n`);
        },
      ),
    );
};
