// The client roster of the facade behind its schemas: refused input reaches nothing.
import type { Clients } from '../clients/clients.js';
import { ClientInputSchemas as s } from './client-inputs.js';
import { CsvSourceSchema } from './intake-inputs.js';
import { parseInput } from './issues.js';
import { checked } from './validated-leads.js';

export function validatedClients(clients: Clients): Clients {
  return {
    create: checked(s.create, (input, acting) => clients.create(input, acting)),
    update: checked(s.update, (input, acting) => clients.update(input, acting)),
    import: async (source: unknown, options: unknown) =>
      clients.import(parseInput(CsvSourceSchema, source, 'source'), parseInput(s.importOptions, options, 'options')),
    list: async (query: unknown) => clients.list(parseInput(s.list, query, '')),
    get: async (query: unknown) => clients.get(parseInput(s.get, query, '')),
    leads: async (query: unknown) => clients.leads(parseInput(s.leads, query, '')),
  };
}
