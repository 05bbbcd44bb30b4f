// `leadline clients …`: the customer roster: list and search it, show one client, create and import
// clients, and a client's leads ("Client → Leads", as the caller may see them).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ClientId, LeadId } from '@leadline/domain';
import type { ClientCommandResult, ClientImportReport, ClientSummary } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { parsePositiveInteger } from '../../cli/parse.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderPairs, renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { printLeadResult } from '../lead/command-result.js';

const SHOWN_ERRORS = 10;

const clientRows = (clients: readonly ClientSummary[]) =>
  clients.map((client) => [
    client.clientId,
    client.name ?? '(implicit)',
    client.company,
    client.email,
    client.phone,
    client.origin,
  ]);

function printWritten(session: Session, result: ClientCommandResult, verb: string): void {
  const events = result.events.map((event) => ({ type: event.type, data: event.data }));
  session.print({ clientId: result.clientId, replayed: result.replayed, events }, () =>
    events.length === 0
      ? `client ${result.clientId}: nothing to ${verb} (already so)`
      : `client ${result.clientId}: ${events.map((event) => event.type).join(', ')}`,
  );
}

function renderImport(report: ClientImportReport): string {
  const errors = report.errors
    .slice(0, SHOWN_ERRORS)
    .map((error) => [error.row, error.field, error.rule, error.message]);
  return [
    renderPairs([
      ['rows', report.rows],
      ['created', report.created],
      ['already imported', report.alreadyImported],
      ['refused', report.failed],
    ]),
    ...(errors.length === 0
      ? []
      : ['Refused rows (nothing written for them):', renderTable(['row', 'field', 'rule', 'problem'], errors)]),
  ].join('\n');
}

export const registerClientsCommands: Registrar = (program, io) => {
  const clients = program.command('clients').description('the customer roster: clients and their leads');
  clients
    .command('list')
    .description('the clients by name (implicit ones, known only from converted leads, by id)')
    .option('--search <text>', 'any part of the name, email or company')
    .option('--limit <n>', 'how many (1 to 500)', '50')
    .option('--after <cursor>', 'the next page: the cursor the page before printed')
    .action(
      withSession<{ search?: string; limit: string; after?: string }>(io, async (session, _args, options) => {
        await session.catchUp();
        const page = await session.leadline.clients.list({
          viewer: (await session.acting()).actor,
          limit: parsePositiveInteger(options.limit, '--limit'),
          ...(options.search === undefined ? {} : { text: options.search }),
          ...(options.after === undefined ? {} : { after: options.after }),
        });
        session.print(page, () =>
          page.items.length === 0
            ? 'no clients'
            : [
                renderTable(['id', 'name', 'company', 'email', 'phone', 'origin'], clientRows(page.items)),
                page.nextCursor === null ? '' : `more: --after ${page.nextCursor}`,
              ].join('\n'),
        );
      }),
    );
  clients
    .command('show')
    .description('one client')
    .argument('<client>', 'client id')
    .action(
      withSession(io, async (session, [clientId]) => {
        await session.catchUp();
        const client = await session.leadline.clients.get({
          viewer: (await session.acting()).actor,
          clientId: ClientId(clientId ?? ''),
        });
        if (client === null)
          throw new CliError(CliErrorCode.NotFound, 'client', 'exists', `There is no client ${clientId ?? ''}.`);
        session.print(client, () =>
          renderPairs([
            ['id', client.clientId],
            ['name', client.name ?? '(implicit: no client record)'],
            ['company', client.company ?? ''],
            ['email', client.email ?? ''],
            ['phone', client.phone ?? ''],
            ['origin', client.fromLeadId === null ? client.origin : `${client.origin} of lead ${client.fromLeadId}`],
            ['since', client.createdAt],
          ]),
        );
      }),
    );
  clients
    .command('create')
    .description('record a client')
    .requiredOption('--name <name>', 'client name')
    .option('--id <id>', 'client id (default: a new uuid)')
    .option('--email <email>', 'email address')
    .option('--phone <phone>', 'phone number')
    .option('--company <company>', 'company')
    .action(
      withSession<{ name: string; id?: string; email?: string; phone?: string; company?: string }>(
        io,
        async (session, _args, options) => {
          await session.organisation({ create: true });
          const result = await session.leadline.clients.create(
            {
              ...(options.id === undefined ? {} : { clientId: ClientId(options.id) }),
              details: {
                name: options.name,
                email: options.email ?? null,
                phone: options.phone ?? null,
                company: options.company ?? null,
              },
            },
            await session.acting(),
          );
          printWritten(session, result, 'create');
        },
      ),
    );
  clients
    .command('import')
    .description('import clients from a CSV file (name, email, phone, company, optional client id)')
    .argument('<file>', 'CSV file with a header row')
    .option('--errors <file>', 'write every refused row with its field, rule and message to this CSV')
    .action(
      withSession<{ errors?: string }>(io, async (session, [file], options) => {
        const path = resolve(io.cwd, file ?? '');
        if (!existsSync(path))
          throw new CliError(CliErrorCode.FileNotFound, 'file', 'file-exists', `There is no file ${path}.`);
        await session.organisation({ create: true });
        const report = await session.leadline.clients.import(
          { path },
          {
            acting: await session.acting(),
            ...(options.errors === undefined ? {} : { errorReport: resolve(io.cwd, options.errors) }),
          },
        );
        session.print(report, () => renderImport(report));
      }),
    );
  clients
    .command('link')
    .description('link a lead to an existing client (an upsell) without converting it')
    .argument('<client>', 'client id (it must exist)')
    .argument('<lead>', 'lead id')
    .action(
      withSession(io, async (session, [clientId, leadId]) => {
        const result = await session.leadline.leads.linkToClient(
          { leadId: LeadId(leadId ?? ''), clientId: ClientId(clientId ?? '') },
          await session.acting(),
        );
        printLeadResult(session, 'link', result);
      }),
    );
  clients
    .command('leads')
    .description("a client's leads, converted and linked (those you may see), by name")
    .argument('<client>', 'client id')
    .option('--limit <n>', 'how many (1 to 500)', '50')
    .option('--after <cursor>', 'the next page: the cursor the page before printed')
    .action(
      withSession<{ limit: string; after?: string }>(io, async (session, [clientId], options) => {
        await session.catchUp();
        const page = await session.leadline.clients.leads({
          viewer: (await session.acting()).actor,
          clientId: ClientId(clientId ?? ''),
          limit: parsePositiveInteger(options.limit, '--limit'),
          ...(options.after === undefined ? {} : { after: options.after }),
        });
        session.print(page, () =>
          page.items.length === 0
            ? `no leads of client ${clientId ?? ''} that you may see`
            : [
                renderTable(
                  ['lead', 'name', 'company', 'owner', 'next call'],
                  page.items.map((lead) => [lead.leadId, lead.name, lead.company, lead.ownerId, lead.nextCallAt]),
                ),
                page.nextCursor === null ? '' : `more: --after ${page.nextCursor}`,
              ].join('\n'),
        );
      }),
    );
};
