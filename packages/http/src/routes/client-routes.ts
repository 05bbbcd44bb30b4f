// The client roster: client records, their CSV import, and "Client → Leads".
import { ClientInputSchemas as c } from 'leadline';
import { command, csvImport, query, type Route } from './route.js';

/** What an HTTP caller may set of a client import (not the error report's file path: the server's to choose). */
export const ClientImportQuerySchema = c.importOptions.pick({ delimiter: true, encoding: true });

export const CLIENT_ROUTES: readonly Route[] = [
  command({
    method: 'POST',
    path: '/clients',
    entry: 'clients.create',
    summary: 'Create a client record.',
    schema: c.create,
    status: 201,
    run: (leadline, input, acting) => leadline.clients.create(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/clients/:clientId',
    entry: 'clients.update',
    summary: "Change a client's details.",
    schema: c.update,
    run: (leadline, input, acting) => leadline.clients.update(input, acting),
  }),
  csvImport({
    path: '/clients/imports',
    entry: 'clients.import',
    summary: 'Import clients from a CSV file (the body, text/csv): one per row; bad rows are reported, not written.',
    schema: ClientImportQuerySchema,
    run: (leadline, text, options, acting) => leadline.clients.import({ text }, { ...options, acting }),
  }),
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
    summary: 'One client of the viewer’s organisation.',
    schema: c.get,
    subject: 'client',
    notFoundWhen: (client) => client === null,
    run: (leadline, input) => leadline.clients.get(input),
  }),
  query({
    path: '/clients/:clientId/leads',
    entry: 'clients.leads',
    summary: 'Client → Leads: the live leads converted into or linked to the client that the viewer may see.',
    schema: c.leads,
    run: (leadline, input) => leadline.clients.leads(input),
  }),
];
