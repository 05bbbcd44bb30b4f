// `leadline migrate encrypt-personal-data --to URL`: the store's history copied into a new store that
// seals personal data per contact (docs/privacy.md, "Migrating a plain history"), with a progress bar,
// then checked event by event; exit 1 when the copy does not match.
import { encryptPersonalData } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';

export const registerMigrate: Registrar = (program, io) => {
  const migrate = program.command('migrate').description('migrations of a store');
  migrate
    .command('encrypt-personal-data')
    .description('copy the store (--store) into a new store (--to) with personal data sealed per contact')
    .requiredOption('--to <url>', 'the new store: sqlite:FILE or postgres://… (empty, or a copy to resume)')
    .action(
      withSession<{ readonly to: string }>(io, async (session, _arguments, options) => {
        const bar = session.progress('copying', 0, 'positions');
        const report = await encryptPersonalData({
          source: session.leadline.store,
          targetUrl: options.to,
          onProgress: ({ position, head }) => bar.update(Number(position), Number(head)),
        });
        bar.stop();
        const { verification } = report;
        session.print(report, () =>
          [
            `copied ${report.copied} events (${report.alreadyCopied} copied by an earlier run); ${report.erasedLeads} erased lead(s) erased in the copy too`,
            verification.ok
              ? `verified: ${verification.events} events in order, ${verification.sealedValues} personal values sealed, none plain`
              : `COPY DOES NOT MATCH:\n${verification.problems.join('\n')}`,
          ].join('\n'),
        );
        if (!verification.ok) {
          throw new CliError(
            CliErrorCode.VerificationFailed,
            'to',
            'copy-matches-source',
            `The copy in ${options.to} does not match the source (${verification.problems.length} problem(s) listed above).`,
            'Stop every writer to the source and run the migration again into an empty store.',
          );
        }
      }),
    );
};
