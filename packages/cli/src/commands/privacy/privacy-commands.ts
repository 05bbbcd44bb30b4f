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
