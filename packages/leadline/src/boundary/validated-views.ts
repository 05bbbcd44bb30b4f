// `leadline.views` and `leadline.leads.list` behind their schemas: a malformed definition or query is
// refused with a ValidationError naming the field before anything is read or written.
import type { ViewsFacade } from '../views/views-facade.js';
import { parseInput } from './issues.js';
import { checked } from './validated-leads.js';
import { ViewInputSchemas as v } from './view-inputs.js';

export function validatedViews(views: ViewsFacade): ViewsFacade {
  return {
    list: async (query) => views.list(parseInput(v.list, query, '')),
    get: async (query) => views.get(parseInput(v.get, query, '')),
    fields: async (query) => views.fields(parseInput(v.fields, query, '')),
    create: checked(v.create, (input, acting) => views.create(input, acting)),
    update: checked(v.update, (input, acting) => views.update(input, acting)),
    delete: checked(v.delete, (input, acting) => views.delete(input, acting)),
    exportCsv: (input) => views.exportCsv(parseInput(v.exportCsv, input, '')),
    leadList: async (query) => views.leadList(parseInput(v.leadList, query, '')),
    // Called by the email commands with input their own schema parsed.
    leadIdsOf: (input) => views.leadIdsOf(input),
  };
}
