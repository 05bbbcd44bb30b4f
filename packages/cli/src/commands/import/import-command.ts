// `leadline import FILE.csv`: streams the file through the intake importer (headers detected, each row
// validated by the domain, duplicates handled as asked), with a progress bar and a per-row error report.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { DuplicatePolicy, ImportReport } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderPairs, renderTable } from '../../output/table.js';

const SHOWN_ERRORS = 10;

export function renderImport(report: ImportReport): string {
  const counts = renderPairs([
    ['rows', report.rows],
    ['created', report.created],
    ['already imported', report.alreadyImported],
    ['duplicates skipped', report.skipped],
    ['duplicates merged', report.merged],
    ['duplicates kept', report.kept],
    ['refused', report.failed],
    ['rows per second', report.rowsPerSecond],
  ]);
  const errors = report.errors
    .slice(0, SHOWN_ERRORS)
    .map((error) => [error.row, error.field, error.rule, error.message]);
  return [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: columns ${Object.entries(report.mapping.fields)
      .map(([field, header]) => `${header}→${field}`)
      .join(', ')}${report.mapping.unmapped.length === 0 ? '' : `; ignored ${report.mapping.unmapped.join(', ')}`}`,
    counts,
    ...(errors.length === 0
      ? []
      : [
          'Refused rows (nothing written for them):',
          renderTable(['row', 'field', 'rule', 'problem'], errors),
          report.errors.length > SHOWN_ERRORS
            ? `…and ${report.errors.length - SHOWN_ERRORS} more (--errors FILE writes them all)`
            : '',
        ]),
  ].join('\n');
}

export const registerImport: Registrar = (program, io) => {
  program
    .command('import')
    .description('import leads from a CSV file (a bad row writes nothing; the others are imported)')
    .argument('<file>', 'CSV file with a header row (name, email, phone, company, source, …)')
    .option('--dry-run', 'check every row and report, write nothing')
    .addOption(
      new Option('--on-duplicate <policy>', 'a row matching an existing lead or an earlier row')
        .choices(['skip', 'merge', 'keep'])
        .default('skip'),
    )
    .option('--errors <file>', 'write every refused row with its field, rule and message to this CSV')
    .option('--encoding <name>', "the file's encoding when it is not UTF-8 (latin1, windows-1252, utf-16le…)")
    .action(
      withSession<{ dryRun?: boolean; onDuplicate: DuplicatePolicy; errors?: string; encoding?: string }>(
        io,
        async (session, [file], options) => {
          const path = resolve(io.cwd, file ?? '');
          if (!existsSync(path))
            throw new CliError(
              CliErrorCode.FileNotFound,
              'file',
              'file-exists',
              `There is no file ${path}.`,
              'Check the path; it is relative to the current directory.',
            );
          await session.organisation({ create: true });
          const bar = session.progress('importing', 0, 'rows');
          const report = await session.leadline.intake.importCsv(
            { path },
            {
              acting: await session.acting(),
              duplicates: options.onDuplicate,
              dryRun: options.dryRun === true,
              onProgress: (progress) => bar.update(progress.rowsDone, progress.rowsTotal ?? progress.rowsDone),
              ...(options.errors === undefined ? {} : { errorReport: resolve(io.cwd, options.errors) }),
              ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
            },
          );
          bar.stop();
          session.print(report, () => renderImport(report));
          if (report.failed > 0) {
            throw new CliError(
              CliErrorCode.BadInput,
              'file',
              'every-row-valid',
              `${report.failed} of ${report.rows} rows were refused; the other rows were ${report.dryRun ? 'checked' : 'imported'}.`,
              options.errors === undefined
                ? 'Rerun with --errors FILE for the full list, fix the rows and import again (imported rows are not created twice).'
                : `The refused rows are listed in ${options.errors}.`,
            );
          }
        },
      ),
    );
};
