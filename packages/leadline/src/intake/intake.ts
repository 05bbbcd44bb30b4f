// The intake face of a Leadline: guarded lead creation and contact changes, merge and unmerge,
// CSV import, web forms and assignment rules, over one IntakeRuntime.
import {
  LeadId,
  normaliseEmail,
  normalisePhone,
  requireOrganisationWide,
  type LeadDetailsInput,
  type Actor,
} from '@leadline/domain';
import type { LeadCommands } from '../leads/lead-commands.js';
import type { Acting } from '../runtime/dispatcher.js';
import { contactsOf } from './duplicates/contact-streams.js';
import { inspectContacts, type DuplicateCandidate } from './duplicates/duplicate-guard.js';
import { createGuardedLead, type CreateLeadInput, type CreateLeadResult } from './duplicates/guarded-create.js';
import { updateGuardedLead, type UpdateLeadInput, type UpdateLeadResult } from './duplicates/guarded-update.js';
import { completeMerge, mergeLeads, type MergeOutcome, type MergeRequest } from './duplicates/merge.js';
import { unmergeLeads, type UnmergeOutcome, type UnmergeRequest } from './duplicates/unmerge.js';
import type { IntakeRuntime } from './intake-runtime.js';
import type { CsvSource } from './csv/csv-source.js';
import { importCsv, type ImportOptions, type ImportReport } from './csv/import-csv.js';
import { createWebFormHandler, type WebFormHandler } from './webform/web-form-handler.js';
import type { WebForm } from './webform/web-form.js';
import { currentRules, setRules } from './assignment/assign.js';
import type { AssignmentRule } from './assignment/rules.js';
import { simulateRules, type SimulationRange, type SimulationReport } from './assignment/simulate.js';

/** The lead commands of a Leadline: create and update pass the duplicate guard. */
export interface GuardedLeadCommands extends Omit<LeadCommands, 'create' | 'update'> {
  /** Creates a lead unless it matches others by email or phone: then `outcome: 'duplicates'` and nothing is written. */
  create(input: CreateLeadInput, acting: Acting): Promise<CreateLeadResult>;
  /** Changes details; a new email or phone that matches another lead returns `outcome: 'duplicates'`. */
  update(input: UpdateLeadInput, acting: Acting): Promise<UpdateLeadResult>;
}

export interface Intake {
  /** The leads of the organisation these details match by normalised email or phone (reads only). */
  findDuplicates(
    details: Pick<LeadDetailsInput, 'email' | 'phone'>,
    acting: Acting,
    exceptLeadId?: LeadId,
  ): Promise<readonly DuplicateCandidate[]>;
  /** Folds the absorbed leads into the survivor by the domain's merge rule; nothing is deleted. */
  merge(request: MergeRequest, acting: Acting): Promise<MergeOutcome>;
  /** Undoes a merge: the survivor gets back its own details, the absorbed leads are workable again. */
  unmerge(request: UnmergeRequest, acting: Acting): Promise<UnmergeOutcome>;
  /** Finishes a merge that stopped part-way, from any lead it absorbed; null when none is pending. */
  completeMerge(leadId: LeadId, acting: Acting): Promise<MergeOutcome | null>;
  /** Streams a CSV file into leads (docs/intake.md): mapping, validation, duplicates policy, dry run, error report. */
  importCsv(source: CsvSource, options: ImportOptions): Promise<ImportReport>;
  /** A `Request` → `Response` handler turning submissions of this form into leads (docs/intake.md). */
  webFormHandler(form: WebForm): WebFormHandler;
  readonly rules: AssignmentRules;
}

/** The organisation's assignment rules (docs/intake.md). */
export interface AssignmentRules {
  /** Replaces the rule set (needs Admin Organisation); checked whole first. */
  set(rules: readonly AssignmentRule[], acting: Acting): Promise<void>;
  /** The actor's organisation's rules. */
  get(actor: Actor): Promise<readonly AssignmentRule[]>;
  /** Runs `rules` over the organisation's past leads and reports who would have got what; writes nothing. */
  simulate(rules: readonly AssignmentRule[], acting: Acting, range?: SimulationRange): Promise<SimulationReport>;
}

export interface IntakeParts {
  readonly leads: GuardedLeadCommands;
  readonly intake: Intake;
}

export function createIntake(runtime: IntakeRuntime): IntakeParts {
  const findDuplicates: Intake['findDuplicates'] = async (details, acting, exceptLeadId) => {
    const organisation = await runtime.dispatcher.context.organisation(acting.actor.orgId);
    const code = organisation?.settings.defaultCountryCallingCode ?? null;
    const contacts = contactsOf({
      email: details.email ? normaliseEmail(details.email) : null,
      phone: details.phone ? normalisePhone(details.phone, code) : null,
    });
    const self = exceptLeadId ?? LeadId('');
    return (await inspectContacts(runtime, acting.actor, self, contacts, runtime.runtime.clock.now())).candidates;
  };
  return {
    leads: {
      ...runtime.leads,
      create: (input, acting) => createGuardedLead(runtime, input, acting),
      update: (input, acting) => updateGuardedLead(runtime, input, acting),
    },
    intake: {
      findDuplicates,
      merge: (request, acting) => mergeLeads(runtime, request, acting),
      unmerge: (request, acting) => unmergeLeads(runtime, request, acting),
      completeMerge: (leadId, acting) => completeMerge(runtime, leadId, acting),
      importCsv: (source, options) => importCsv(runtime, source, options),
      webFormHandler: (form) => createWebFormHandler(runtime, form),
      rules: {
        set: (rules, acting) => setRules(runtime, rules, acting),
        get: (actor) => currentRules(runtime, actor.orgId),
        simulate: async (rules, acting, range) => {
          // A simulation shows every lead of the organisation, so it needs what seeing them all needs.
          requireOrganisationWide(acting.actor, 'a simulation of rules over every lead', 'rules');
          return simulateRules(runtime, acting.actor.orgId, rules, range);
        },
      },
    },
  };
}
