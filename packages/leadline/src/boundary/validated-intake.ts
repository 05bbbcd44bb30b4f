// Intake behind its schemas: duplicate probes, merges, CSV import options and sources, web form
// definitions and assignment rules are parsed before anything is read or written.
import type { Intake } from '../intake/intake.js';
import { AssignmentRulesSchema, SimulationRangeSchema } from './admin-inputs.js';
import { CsvSourceSchema, ImportOptionsSchema, WebFormSchema } from './intake-inputs.js';
import { parseInput } from './issues.js';
import { DuplicateProbeSchema, MergeRequestSchema, UnmergeRequestSchema } from './lead-inputs.js';
import { leadId } from './primitives.js';
import { parseActor } from './validated-admin.js';
import { parseActing } from './validated-leads.js';

export function validatedIntake(intake: Intake): Intake {
  return {
    findDuplicates: async (details, acting, exceptLeadId) =>
      intake.findDuplicates(
        parseInput(DuplicateProbeSchema, details, 'details'),
        parseActing(acting),
        exceptLeadId === undefined ? undefined : parseInput(leadId(), exceptLeadId, 'exceptLeadId'),
      ),
    merge: async (request, acting) => intake.merge(parseInput(MergeRequestSchema, request, ''), parseActing(acting)),
    unmerge: async (request, acting) =>
      intake.unmerge(parseInput(UnmergeRequestSchema, request, ''), parseActing(acting)),
    completeMerge: async (id, acting) => intake.completeMerge(parseInput(leadId(), id, 'leadId'), parseActing(acting)),
    importCsv: async (source, options) =>
      intake.importCsv(
        parseInput(CsvSourceSchema, source, 'source'),
        parseInput(ImportOptionsSchema, options, 'options'),
      ),
    webFormHandler: (form) => intake.webFormHandler(parseInput(WebFormSchema, form, 'form')),
    rules: {
      set: async (rules, acting) =>
        intake.rules.set(parseInput(AssignmentRulesSchema, rules, 'rules'), parseActing(acting)),
      get: async (actor) => intake.rules.get(parseActor(actor)),
      simulate: async (rules, acting, range) =>
        intake.rules.simulate(
          parseInput(AssignmentRulesSchema, rules, 'rules'),
          parseActing(acting),
          range === undefined ? undefined : parseInput(SimulationRangeSchema, range, 'range'),
        ),
    },
  };
}
