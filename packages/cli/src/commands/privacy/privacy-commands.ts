// `leadline erase` and `leadline contact-export`: the person behind a lead erased (their personal data
// unreadable for good, docs/privacy.md), or everything held about them printed as JSON (right of access).
import { ClientId, LeadId } from '@leadline/domain';
import { badInput } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';

interface EraseOptions {
  readonly lead?: string;
  readonly client?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly reason: string;
}

export const registerErase: Registrar = (program, io) => {
  program
    .command('erase')
    .description('erase a person: their personal data reads [erased] for good (by lead, client, email or phone)')
    .option('--lead <id>', 'the lead whose person to erase')
    .option('--client <id>', 'the client record whose person to erase')
    .option('--email <address>', 'erase every lead and client record holding this email')
    .option('--phone <number>', 'erase every lead and client record holding this phone (international form)')
    .requiredOption('--reason <text>', 'why (stored plain: name no one)')
    .action(
      withSession<EraseOptions>(io, async (session, _arguments, options) => {
        const given = [options.lead, options.client, options.email, options.phone].filter(
          (value) => value !== undefined,
        );
        if (given.length !== 1) {
          throw badInput('lead', 'exactly-one', 'Name exactly one of --lead, --client, --email and --phone.');
        }
        const acting = await session.acting();
        const { reason } = options;
        // Client records holding an email or phone are found through the clients read model: bring it up to date.
        if (options.email !== undefined || options.phone !== undefined) await session.catchUp();
        const result =
          options.lead !== undefined
            ? await session.leadline.contacts.erase({ leadId: LeadId(options.lead), reason }, acting)
            : options.client !== undefined
              ? await session.leadline.contacts.erase({ clientId: ClientId(options.client), reason }, acting)
              : options.email !== undefined
                ? await session.leadline.contacts.erase({ email: options.email, reason }, acting)
                : await session.leadline.contacts.erase({ phone: options.phone ?? '', reason }, acting);
        session.print(result, () =>
          result.leadIds.length + result.clientIds.length === 0
            ? 'No lead or client record holds that contact; nothing was erased.'
            : `Erased ${result.leadIds.length} lead(s) and ${result.clientIds.length} client record(s) (${result.newlyErased} newly): ${[...result.leadIds, ...result.clientIds].join(', ')}`,
        );
      }),
    );
};

export const registerContactExport: Registrar = (program, io) => {
  program
    .command('contact-export')
    .description('everything held about the person behind a lead, as JSON (right of access)')
    .argument('<lead>', 'lead id')
    .action(
      withSession(io, async (session, [leadId]) => {
        const exported = await session.leadline.contacts.export(
          { leadId: LeadId(leadId ?? '') },
          await session.acting(),
        );
        session.print(exported, () => JSON.stringify(exported, null, 2));
      }),
    );
};

/** `off` switches retention off; anything else must be a whole number of months (the facade checks the bounds). */
function parseMonths(text: string): number | null {
  if (text.trim().toLowerCase() === 'off') return null;
  if (!/^\d+$/.test(text.trim()))
    throw badInput(
      'months',
      'whole-number-or-off',
      `"${text}" is not a number of months.`,
      'Give months (e.g. 24) or off.',
    );
  return Number(text.trim());
}

const describePolicy = (months: number | null): string =>
  months === null
    ? 'no retention policy: lost leads are kept'
    : `lost leads are erased ${months} months after they were lost`;

export const registerRetention: Registrar = (program, io) => {
  const retention = program
    .command('retention')
    .description("the organisation's retention policy and the job that applies it (Admin Organisation)");
  retention
    .command('policy')
    .description("show the organisation's retention policy")
    .action(
      withSession(io, async (session) => {
        const policy = await session.leadline.contacts.retentionPolicy((await session.acting()).actor);
        session.print(policy, () => describePolicy(policy.lostLeadsAfterMonths));
      }),
    );
  retention
    .command('set')
    .description('set the policy: erase lost leads this many months after they were lost, or off')
    .argument('<months>', 'whole months (1 to 1200), or off')
    .action(
      withSession(io, async (session, [months]) => {
        const lostLeadsAfterMonths = parseMonths(months ?? '');
        const outcome = await session.leadline.contacts.setRetentionPolicy(
          { lostLeadsAfterMonths },
          await session.acting(),
        );
        const shown = { lostLeadsAfterMonths, changed: outcome.events.length > 0 };
        session.print(shown, () => `${describePolicy(lostLeadsAfterMonths)}${shown.changed ? '' : ' (unchanged)'}`);
      }),
    );
  retention
    .command('apply')
    .description('erase the leads lost longer ago than the policy (or --months) allows; safe to repeat')
    .option('--months <n>', "months for this run instead of the organisation's policy")
    .action(
      withSession<{ readonly months?: string }>(io, async (session, _arguments, options) => {
        const months = options.months === undefined ? null : parseMonths(options.months);
        const result = await session.leadline.contacts.applyRetention(
          months === null ? {} : { lostLeadsAfterMonths: months },
          await session.acting(),
        );
        session.print(
          result,
          () =>
            `Retention (${result.lostLeadsAfterMonths} months): ${result.leadIds.length} lead(s) past it, ${result.newlyErased} newly erased`,
        );
      }),
    );
};
