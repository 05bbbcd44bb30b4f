// What happens to one row: create its lead behind the duplicate guard and apply the import's policy
// to a match (skip, merge into the first candidate, keep both), or, in a dry run, say what would.
import {
  DomainError,
  DomainErrorCode,
  hasPermission,
  isDomainError,
  leadStream,
  Permission,
  ValidationError,
  type DomainErrorDetails,
  type LeadId,
  type StageId,
  type WorkflowId,
} from '@leadline/domain';
import { RuntimeError, RuntimeErrorCode } from '../../commands/errors.js';
import { checkInput } from '../../boundary/issues.js';
import { CreateLeadDetailsSchema } from '../../boundary/lead-inputs.js';
import type { Acting } from '../../runtime/dispatcher.js';
import { contactsOf, type Contact } from '../duplicates/contact-streams.js';
import { inspectContacts } from '../duplicates/duplicate-guard.js';
import { createGuardedLead, decidePurely, leadIdFor, type CreateLeadInput } from '../duplicates/guarded-create.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import type { ImportRowError } from './error-report.js';
import type { RowInput } from './row-input.js';

/** What to do with a row that matches existing leads, or earlier rows of the same file. */
export type DuplicatePolicy = 'skip' | 'merge' | 'keep';

export type RowOutcome =
  | { readonly kind: 'created' | 'already-imported'; readonly leadId: LeadId }
  | { readonly kind: 'skipped' | 'merged' | 'kept'; readonly leadId: LeadId; readonly candidates: readonly LeadId[] }
  | { readonly kind: 'failed'; readonly errors: readonly ImportRowError[] };

export interface RowJob {
  readonly row: number;
  readonly input: RowInput;
  readonly acting: Acting;
  readonly policy: DuplicatePolicy;
  readonly workflowId?: WorkflowId;
  readonly stageId?: StageId;
}

export const createInput = (job: RowJob): CreateLeadInput => ({
  fields: job.input.details,
  ...(job.input.ownerId === null ? {} : { ownerId: job.input.ownerId }),
  ...(job.workflowId === undefined ? {} : { workflowId: job.workflowId }),
  ...(job.stageId === undefined ? {} : { stageId: job.stageId }),
});

/**
 * The row's details through the boundary's schema (control characters, lone surrogates, sizes, NFC),
 * so a CSV row or a form submission meets the same rules as a facade call; issues join the row's.
 */
export function checkedRow(job: RowJob): RowJob {
  const checked = checkInput(CreateLeadDetailsSchema, job.input.details, '');
  if (checked.ok) return { ...job, input: { ...job.input, details: checked.value } };
  // The domain's own report on the row skips fields these issues name already (errorsOf).
  const found = new Set(job.input.issues.map((issue) => issue.field));
  const issues = [...job.input.issues, ...checked.issues.filter((issue) => !found.has(issue.field))];
  return { ...job, input: { ...job.input, issues } };
}

export async function importRow(intake: IntakeRuntime, unchecked: RowJob): Promise<RowOutcome> {
  const job = checkedRow(unchecked);
  if (job.input.issues.length > 0) return failedWithDomainIssues(intake, job);
  try {
    const first = await createGuardedLead(intake, createInput(job), job.acting);
    if (first.outcome !== 'duplicates')
      return { kind: first.replayed ? 'already-imported' : 'created', leadId: first.leadId };
    const candidates = first.candidates.map((candidate) => candidate.leadId);
    if (job.policy === 'skip') return { kind: 'skipped', leadId: first.leadId, candidates };
    const target = first.candidates.find((candidate) => !candidate.pending)?.leadId;
    const choice =
      job.policy === 'keep' || target === undefined ? { keepDespiteDuplicates: candidates } : { mergeInto: target };
    const second = await createGuardedLead(intake, { ...createInput(job), ...choice }, job.acting);
    if (second.outcome === 'duplicates')
      return {
        kind: 'skipped',
        leadId: second.leadId,
        candidates: second.candidates.map((candidate) => candidate.leadId),
      };
    return { kind: second.outcome === 'merged' ? 'merged' : 'kept', leadId: second.leadId, candidates };
  } catch (error) {
    // A row that kept losing races is reported and the import goes on; the store failing stops it.
    if (error instanceof RuntimeError && error.code === RuntimeErrorCode.ConcurrencyConflict) {
      return {
        kind: 'failed',
        errors: [{ row: job.row, field: 'row', code: error.code, rule: error.rule, message: error.message }],
      };
    }
    if (!isDomainError(error)) throw error;
    return { kind: 'failed', errors: errorsOf(job.row, job.input.issues, error) };
  }
}

/** Earlier rows of the file, by contact, for a dry run (nothing is reserved in one). */
export type SeenContacts = Map<string, LeadId>;
const seenKey = (contact: Contact): string => `${contact.kind}:${contact.value}`;

export async function planRow(intake: IntakeRuntime, unchecked: RowJob, seen: SeenContacts): Promise<RowOutcome> {
  const job = checkedRow(unchecked);
  const leadId = leadIdFor(intake, undefined, job.acting);
  if ((await intake.leadStates.load(leadStream(leadId))).state.exists) return { kind: 'already-imported', leadId };
  let contacts: Contact[];
  try {
    const decided = await decidePurely(intake, { ...createInput(job), type: 'CreateLead', leadId }, job.acting);
    if (job.input.issues.length > 0) return { kind: 'failed', errors: errorsOf(job.row, job.input.issues, null) };
    contacts = contactsOf(decided.data);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: 'failed', errors: errorsOf(job.row, job.input.issues, error) };
  }
  const inFile = contacts
    .map((contact) => seen.get(seenKey(contact)))
    .filter((found): found is LeadId => found !== undefined);
  const existing = (
    await inspectContacts(intake, job.acting.actor, leadId, contacts, intake.runtime.clock.now())
  ).candidates.map((candidate) => candidate.leadId);
  const candidates = [...new Set([...inFile, ...existing])];
  const remember = (): void =>
    contacts.forEach((contact) => seen.has(seenKey(contact)) || seen.set(seenKey(contact), leadId));
  if (candidates.length === 0) {
    remember();
    return { kind: 'created', leadId };
  }
  if (job.policy === 'skip') return { kind: 'skipped', leadId, candidates };
  if (job.policy === 'merge') {
    if (!hasPermission(job.acting.actor, Permission.ManageLeads)) {
      return {
        kind: 'failed',
        errors: errorsOf(
          job.row,
          [],
          new DomainError(DomainErrorCode.PermissionDenied, {
            field: 'duplicates',
            rule: 'manage-leads-to-merge',
            message: 'Merging duplicates needs the Manage Leads permission.',
          }),
        ),
      };
    }
    return { kind: 'merged', leadId, candidates };
  }
  remember();
  return { kind: 'kept', leadId, candidates };
}

/** Every issue of a refused row: those found reading its text, then the domain's. */
export async function failedWithDomainIssues(intake: IntakeRuntime, job: RowJob): Promise<RowOutcome> {
  try {
    await decidePurely(
      intake,
      { ...createInput(job), type: 'CreateLead', leadId: leadIdFor(intake, undefined, job.acting) },
      job.acting,
    );
    return { kind: 'failed', errors: errorsOf(job.row, job.input.issues, null) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: 'failed', errors: errorsOf(job.row, job.input.issues, error) };
  }
}

export function errorsOf(
  row: number,
  readIssues: readonly DomainErrorDetails[],
  error: DomainError | null,
): ImportRowError[] {
  const read = readIssues.map((found) => ({
    row,
    field: found.field,
    code: 'VALIDATION_FAILED',
    rule: found.rule,
    message: found.message,
  }));
  if (error === null) return read;
  const domain =
    error instanceof ValidationError
      ? error.issues
      : [{ field: error.field, rule: error.rule, message: error.message }];
  // A field the reading step already refused is not reported twice (the domain saw it as absent).
  const taken = new Set(read.map((found) => found.field));
  return [
    ...read,
    ...domain
      .filter((found) => !taken.has(found.field))
      .map((found) => ({ row, field: found.field, code: error.code, rule: found.rule, message: found.message })),
  ];
}
