// `leadline lead …`: one subcommand per thing a person does to a lead.
import { CallOutcome, ClientId, LeadId, StageId, UserId, WorkflowId } from '@leadline/domain';
import { Option, type Command } from 'commander';
import { badInput } from '../../cli/cli-error.js';
import { parseInstant } from '../../cli/parse.js';
import { withSession, type Registrar } from '../../cli/program.js';
import type { CliIo } from '../../output/io.js';
import { printLeadResult, refuseDuplicates } from './command-result.js';
import { addDetailOptions, detailsInput, type DetailOptions } from './details-options.js';
import { registerLeadShow } from './lead-show.js';

const OUTCOMES = Object.values(CallOutcome);

export const registerLeadCommands: Registrar = (program, io) => {
  const lead = program.command('lead').description('create and work leads');
  registerCreateAndUpdate(lead, io);
  registerLeadShow(lead, io);
  lead
    .command('stage')
    .description('move a lead to another stage of its workflow')
    .argument('<lead>', 'lead id')
    .argument('<stage>', 'stage id (see `leadline workflow list`)')
    .option('--reason <text>', 'why')
    .action(
      withSession<{ reason?: string }>(io, async (session, [leadId, stageId], options) => {
        const result = await session.leadline.leads.changeStage(
          { leadId: LeadId(leadId ?? ''), stageId: StageId(stageId ?? ''), reason: options.reason ?? null },
          await session.acting(),
        );
        printLeadResult(session, 'move', result);
      }),
    );
  for (const [name, description, send] of [
    ['claim', 'claim a lead from the pool for the claim window', 'claim'],
    ['release', 'give a claimed lead back to the pool', 'release'],
    ['own', 'take formal ownership of a lead (ends the claim)', 'takeOwnership'],
  ] as const) {
    lead
      .command(name)
      .description(description)
      .argument('<lead>', 'lead id')
      .action(
        withSession(io, async (session, [leadId]) => {
          const result = await session.leadline.leads[send]({ leadId: LeadId(leadId ?? '') }, await session.acting());
          printLeadResult(session, name, result);
        }),
      );
  }
  lead
    .command('assign')
    .description('assign a lead to a user, transfer it, or send it back to the pool')
    .argument('<lead>', 'lead id')
    .argument('[user]', 'the new owner')
    .option('--pool', 'back to the pool (no owner)')
    .action(
      withSession<{ pool?: boolean }>(io, async (session, [leadId, userId], options) => {
        const acting = await session.acting();
        if ((userId === undefined) === (options.pool !== true)) {
          throw badInput(
            'user',
            'user-or-pool',
            'Name the new owner, or pass --pool, not both.',
            'leadline lead assign LEAD USER  |  leadline lead assign LEAD --pool',
          );
        }
        const result =
          userId === undefined
            ? await session.leadline.leads.unassign({ leadId: LeadId(leadId ?? '') }, acting)
            : await session.leadline.leads.assign({ leadId: LeadId(leadId ?? ''), ownerId: UserId(userId) }, acting);
        printLeadResult(session, 'assign', result);
      }),
    );
  lead
    .command('note')
    .description('log a note or a call with its outcome')
    .argument('<lead>', 'lead id')
    .argument('<text>', 'the note')
    .addOption(new Option('--outcome <outcome>', 'outcome of the call').choices(OUTCOMES))
    .action(
      withSession<{ outcome?: CallOutcome }>(io, async (session, [leadId, text], options) => {
        const result = await session.leadline.leads.logNote(
          { leadId: LeadId(leadId ?? ''), text: text ?? '', outcome: options.outcome ?? null },
          await session.acting(),
        );
        printLeadResult(session, 'note', result);
      }),
    );
  lead
    .command('schedule')
    .description('schedule the next call (or clear it with --clear)')
    .argument('<lead>', 'lead id')
    .argument('[when]', 'date or instant, e.g. 2026-03-02T10:00:00Z')
    .option('--note <text>', 'what the call is about')
    .option('--clear', 'clear the scheduled call')
    .action(
      withSession<{ note?: string; clear?: boolean }>(io, async (session, [leadId, when], options) => {
        if ((when === undefined) === (options.clear !== true))
          throw badInput('when', 'when-or-clear', 'Give the time of the next call, or --clear, not both.');
        const at = when === undefined ? null : parseInstant(when, 'when').toISOString();
        const result = await session.leadline.leads.scheduleNextCall(
          { leadId: LeadId(leadId ?? ''), at, note: options.note ?? null },
          await session.acting(),
        );
        printLeadResult(session, 'schedule', result);
      }),
    );
  lead
    .command('convert')
    .description('convert a lead into a client (a new one, or merged into an existing one)')
    .argument('<lead>', 'lead id')
    .option('--client <id>', 'the client id (a new one is made from the lead id unless given)')
    .option('--merged', 'the client already exists: fold the lead into it')
    .option('--stage <id>', "the won stage (default: the workflow's first won stage)")
    .action(
      withSession<{ client?: string; merged?: boolean; stage?: string }>(io, async (session, [leadId], options) => {
        if (options.merged === true && options.client === undefined)
          throw badInput(
            '--client',
            'required-with-merged',
            'Name the existing client to merge into with --client ID.',
          );
        const result = await session.leadline.leads.convert(
          {
            leadId: LeadId(leadId ?? ''),
            clientId: ClientId(options.client ?? `client-${leadId ?? ''}`),
            mode: options.merged === true ? 'merged' : 'new',
            ...(options.stage === undefined ? {} : { stageId: StageId(options.stage) }),
          },
          await session.acting(),
        );
        printLeadResult(session, 'convert', result);
      }),
    );
  for (const [name, description, send] of [
    ['lose', 'mark a lead lost, with the reason', 'markLost'],
    ['reopen', 'reopen a lost lead, with the reason', 'reopen'],
  ] as const) {
    lead
      .command(name)
      .description(description)
      .argument('<lead>', 'lead id')
      .requiredOption('--reason <text>', 'why (kept in the journey)')
      .option('--stage <id>', 'the stage to move to (default: the first lost / first open stage)')
      .action(
        withSession<{ reason: string; stage?: string }>(io, async (session, [leadId], options) => {
          const stage = options.stage === undefined ? {} : { stageId: StageId(options.stage) };
          const result = await session.leadline.leads[send](
            { leadId: LeadId(leadId ?? ''), reason: options.reason, ...stage },
            await session.acting(),
          );
          printLeadResult(session, name, result);
        }),
      );
  }
  lead
    .command('delete')
    .description('delete a lead (its history is kept for audits)')
    .argument('<lead>', 'lead id')
    .option('--reason <text>', 'why')
    .action(
      withSession<{ reason?: string }>(io, async (session, [leadId], options) => {
        const result = await session.leadline.leads.delete(
          { leadId: LeadId(leadId ?? ''), reason: options.reason ?? null },
          await session.acting(),
        );
        printLeadResult(session, 'delete', result);
      }),
    );
};

function registerCreateAndUpdate(lead: Command, io: CliIo): void {
  addDetailOptions(
    lead
      .command('create')
      .description("create a lead (in the default workflow's first stage unless told)")
      .requiredOption('--name <name>', 'the person or company name'),
  )
    .option('--workflow <id>', "workflow (default: the organisation's default)")
    .option('--stage <id>', 'starting stage')
    .option('--owner <user>', 'owner from the start (default: in the pool)')
    .option('--id <id>', 'the lead id (default: a new uuid)')
    .option('--keep-duplicate <ids>', 'create even though it matches these leads (comma separated)')
    .option('--merge-into <id>', 'it matches this lead: create it and merge it into that one')
    .action(
      withSession<
        DetailOptions & {
          workflow?: string;
          stage?: string;
          owner?: string;
          id?: string;
          keepDuplicate?: string;
          mergeInto?: string;
        }
      >(io, async (session, _args, options) => {
        const organisation = await session.organisation({ create: true });
        const details = { ...detailsInput(options, organisation.settings), name: options.name ?? '' };
        const result = await session.leadline.leads.create(
          {
            fields: details,
            ...(options.id === undefined ? {} : { leadId: LeadId(options.id) }),
            ...(options.workflow === undefined ? {} : { workflowId: WorkflowId(options.workflow) }),
            ...(options.stage === undefined ? {} : { stageId: StageId(options.stage) }),
            ...(options.owner === undefined ? {} : { ownerId: UserId(options.owner) }),
            ...(options.keepDuplicate === undefined
              ? {}
              : { keepDespiteDuplicates: options.keepDuplicate.split(',').map((id) => LeadId(id.trim())) }),
            ...(options.mergeInto === undefined ? {} : { mergeInto: LeadId(options.mergeInto) }),
          },
          await session.acting(),
        );
        if (result.outcome === 'duplicates') refuseDuplicates(session, result.candidates);
        printLeadResult(session, result.outcome === 'merged' ? 'merge' : 'create', result);
      }),
    );
  addDetailOptions(
    lead
      .command('update')
      .description("change a lead's details (an empty value clears a field)")
      .argument('<lead>', 'lead id')
      .option('--name <name>', 'the person or company name'),
  )
    .option('--keep-duplicate <ids>', 'keep the change even though the new email or phone matches these leads')
    .option('--merge-into <id>', 'the new email or phone matches this lead: merge into it')
    .action(
      withSession<DetailOptions & { keepDuplicate?: string; mergeInto?: string }>(
        io,
        async (session, [leadId], options) => {
          const organisation = await session.organisation();
          const result = await session.leadline.leads.update(
            {
              leadId: LeadId(leadId ?? ''),
              fields: detailsInput(options, organisation.settings),
              ...(options.keepDuplicate === undefined
                ? {}
                : { keepDespiteDuplicates: options.keepDuplicate.split(',').map((id) => LeadId(id.trim())) }),
              ...(options.mergeInto === undefined ? {} : { mergeInto: LeadId(options.mergeInto) }),
            },
            await session.acting(),
          );
          if (result.outcome === 'duplicates') refuseDuplicates(session, result.candidates);
          printLeadResult(session, result.outcome === 'merged' ? 'merge' : 'update', result);
        },
      ),
    );
}
