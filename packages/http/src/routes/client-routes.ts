// The customer roster: client records, their CSV import, the roster and a client's leads ("Client → Leads").
import { ClientInputSchemas as c, parseInput } from 'leadline';
import { command, query, type Route } from './route.js';

/** What an HTTP caller may set of a client import: how the file is read. The error report stays the server's. */
export const ClientImportQuerySchema = c.importOptions.pick({ delimiter: true, encoding: true });

export const CLIENT_ROUTES: readonly Route[] = [
  command({
    method: 'POST',
    path: '/clients',
    entry: 'clients.create',
    summary: 'Record a client (its id generated unless given; a taken id is refused: 409).',
    schema: c.create,
    status: 201,
    run: (leadline, input, acting) => leadline.clients.create(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/clients/:clientId',
    entry: 'clients.update',
    summary: "Change a client's name, email, phone or company (null clears the last three).",
    schema: c.update,
    run: (leadline, input, acting) => leadline.clients.update(input, acting),
  }),
  {
    method: 'POST',
    path: '/clients/imports',
    entry: 'clients.import',
    summary: 'Import clients from a CSV file (the body, text/csv); a bad row writes nothing and is reported.',
    schema: ClientImportQuerySchema,
    input: 'csv',
    status: 200,
    async handle({ leadline, query: given, body, acting }) {
      const options = parseInput(ClientImportQuerySchema, given, '');
      const text = body instanceof Uint8Array ? Buffer.from(body) : '';
      return { status: 200, body: await leadline.clients.import({ text }, { ...options, acting }) };
    },
  },
  query({
    path: '/clients',
    entry: 'clients.list',
    summary: "The organisation's clients by name, or those whose name, email or company holds `text`; one page.",
    schema: c.list,
    run: (leadline, input) => leadline.clients.list(input),
  }),
  query({
    path: '/clients/:clientId',
    entry: 'clients.get',
    summary: 'One client of the organisation.',
    schema: c.get,
    subject: 'client',
    notFoundWhen: (client) => client === null,
    run: (leadline, input) => leadline.clients.get(input),
  }),
  query({
    path: '/clients/:clientId/leads',
    entry: 'clients.leads',
    summary: 'Client → Leads: the leads converted into or linked to the client that the viewer may see; one page.',
    schema: c.leads,
    run: (leadline, input) => leadline.clients.leads(input),
  }),
];
