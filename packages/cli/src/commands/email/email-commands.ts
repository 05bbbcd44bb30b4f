// `leadline email`: send a template to picked leads (queued in the outbox), record an opt-out, and run
// the outbox dispatcher over SMTP until everything due now is sent (run it from cron, or embed the
// library's workers for a dispatcher that runs all the time).
import { LeadId } from '@leadline/domain';
import { createSmtpTransport } from 'leadline';
import type { Command } from 'commander';
import { globalOptionsOf, withSession, type Registrar } from '../../cli/program.js';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import type { CliIo } from '../../output/io.js';
import { renderTable } from '../../output/table.js';
import { openSession, type Session } from '../../session/session.js';
import { readTemplateFile } from './template-file.js';

/** The outbox's SMTP settings from the environment (secrets stay off the command line). */
export function smtpFromEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const url = env['LEADLINE_SMTP_URL'];
  const from = env['LEADLINE_EMAIL_FROM'];
  if (url === undefined || url === '') return undefined;
  if (from === undefined || from === '') {
    throw new CliError(
      CliErrorCode.BadInput,
      'LEADLINE_EMAIL_FROM',
      'required',
      'Set LEADLINE_EMAIL_FROM to send email.',
    );
  }
  return { transport: createSmtpTransport({ url }), from };
}

export const registerEmailCommands: Registrar = (program, io) => {
  const email = program.command('email').description('mass email through the outbox (docs/email.md)');
  email
    .command('send')
    .description('queue a template for each lead; leads without an email or opted out are reported and skipped')
    .requiredOption('--template <file>', 'a "Subject: …" line, a blank line, then the body; merge fields {{name}}…')
    .option('--leads <ids...>', 'the lead ids')
    .option('--view <view>', 'every lead of this list view (name or id) you can see, instead of --leads')
    .action(
      withSession<{ template: string; leads?: string[]; view?: string }>(io, async (session, _args, options) => {
        const template = readTemplateFile(io.cwd, options.template);
        if ((options.leads === undefined) === (options.view === undefined))
          throw new CliError(
            CliErrorCode.BadInput,
            '--leads',
            'leads-or-view',
            'Name the leads with --leads IDS or --view VIEW.',
          );
        if (options.view !== undefined) await session.catchUp();
        const result = await session.leadline.email.send(
          options.leads === undefined
            ? { view: options.view ?? '', template }
            : { leadIds: options.leads.map((id) => LeadId(id)), template },
          await session.acting(),
        );
        session.print(result, () =>
          [
            `${String(result.queued.length)} email(s) queued, ${String(result.skipped.length)} lead(s) skipped`,
            ...(result.skipped.length === 0
              ? []
              : [
                  renderTable(
                    ['lead', 'code', 'rule', 'why'],
                    result.skipped.map((skip) => [skip.leadId, skip.code, skip.rule, skip.message]),
                  ),
                ]),
          ].join('\n'),
        );
      }),
    );
  email
    .command('opt-out')
    .description('the lead asks for no more email')
    .argument('<lead>', 'lead id')
    .option('--reason <text>', 'why')
    .action(
      withSession<{ reason?: string }>(io, async (session, [leadId], options) => {
        const result = await session.leadline.email.optOut(
          { leadId: LeadId(leadId ?? ''), reason: options.reason ?? null },
          await session.acting(),
        );
        session.print({ leadId: result.leadId, events: result.events.map((e) => e.type) }, () =>
          result.events.length === 0
            ? `lead ${result.leadId} had opted out already`
            : `lead ${result.leadId} opted out`,
        );
      }),
    );
  email
    .command('dispatch')
    .description('send what the outbox owes now over SMTP (LEADLINE_SMTP_URL, LEADLINE_EMAIL_FROM), then exit')
    .action(async (...params: unknown[]) => {
      await dispatch(io, params[params.length - 1] as Command);
    });
};

async function dispatch(io: CliIo, command: Command): Promise<void> {
  const smtp = smtpFromEnvironment();
  if (smtp === undefined) {
    throw new CliError(
      CliErrorCode.BadInput,
      'LEADLINE_SMTP_URL',
      'required',
      'Set LEADLINE_SMTP_URL (smtp://user:pass@host:port) to send email.',
    );
  }
  const session: Session = await openSession(globalOptionsOf(command), io, { email: smtp });
  try {
    const { workers } = session.leadline;
    await workers.start({
      projections: false,
      claimExpiry: false,
      stageRemoval: false,
      automations: false,
      retention: false,
    });
    await workers.settled();
    await workers.stop();
    session.print(
      { status: 'dispatched' },
      () => 'outbox dispatched: every email due now was sent or recorded as failed',
    );
  } finally {
    await session.close();
  }
}
