// Rows of an import written a batch at a time: each row decided by the domain (one context per batch),
// the batch's lead and contact streams checked in one query, and every row that matches nothing written
// with its contact reservations in one appendToStreams, each stream expected not to exist. A row that
// matches anything (a contact some lead holds or once held, an earlier row of the batch, its own lead
// written by an earlier run) is handed back to go through the guarded create one by one, after the
// write, as an unbatched import treats every row. So is the whole batch when another writer took one
// of its streams between the check and the write: the guarded create then finds that writer's lead.
import { isDomainError, leadStream, type LeadId } from '@leadline/domain';
import { ExpectedRevision, WrongExpectedRevisionError, type StreamAppend } from '@leadline/eventstore';
import { eventsToAppend } from '../../commands/command-handler.js';
import type { CommandEnvelope } from '../../commands/metadata.js';
import { currentRules } from '../assignment/assign.js';
import { contactsOf, contactStream, type Contact } from '../duplicates/contact-streams.js';
import { contactEventToAppend, reservation } from '../duplicates/duplicate-guard.js';
import { assignUnowned, decideCreateIn, leadIdFor, type CreateDecision } from '../duplicates/guarded-create.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import {
  checkedRow,
  createInput,
  errorsOf,
  failedWithDomainIssues,
  type RowJob,
  type RowOutcome,
} from './row-import.js';

export interface BatchResult {
  /** Rows refused, and rows created by the batch's write. */
  readonly outcomes: ReadonlyMap<number, RowOutcome>;
  /** Rows for the guarded create, in file order, after the write. */
  readonly oneByOne: readonly RowJob[];
}

interface DecidedRow {
  readonly job: RowJob;
  readonly envelope: CommandEnvelope;
  readonly leadId: LeadId;
  readonly decision: CreateDecision;
  readonly contacts: readonly Contact[];
  readonly contactStreams: readonly string[];
}

/** `jobs` share the importer and the workflow (one import's rows). */
export async function importBatch(intake: IntakeRuntime, jobs: readonly RowJob[]): Promise<BatchResult> {
  const outcomes = new Map<number, RowOutcome>();
  const decided = await decideRows(intake, jobs, outcomes);
  const names = decided.flatMap((row) => [leadStream(row.leadId), ...row.contactStreams]);
  const revisions = names.length === 0 ? [] : await intake.runtime.store.streamRevisions(names);
  const untouched = new Set(names.filter((_, index) => revisions[index] === null));
  const takenInBatch = new Set<string>();
  const clean: DecidedRow[] = [];
  const oneByOne: RowJob[] = [];
  for (const row of decided) {
    const matchesNothing =
      untouched.has(leadStream(row.leadId)) &&
      row.contactStreams.every((name) => untouched.has(name) && !takenInBatch.has(name));
    for (const name of row.contactStreams) takenInBatch.add(name);
    if (matchesNothing) clean.push(row);
    else oneByOne.push(row.job);
  }
  if (clean.length === 0) return { outcomes, oneByOne };
  const now = (clean[0] as DecidedRow).decision.now;
  try {
    await intake.runtime.store.appendToStreams(clean.flatMap((row) => streamAppends(intake, row, now)));
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    return { outcomes, oneByOne: decided.map((row) => row.job) };
  }
  const orgId = (clean[0] as DecidedRow).job.acting.actor.orgId;
  // Most organisations have no rules: one look at the ledger for the batch instead of one per row.
  const assigning = (await currentRules(intake, orgId)).length > 0;
  for (const row of clean) {
    if (assigning)
      await assignUnowned(intake, row.leadId, row.decision.created.data, now, row.job.acting, row.envelope);
    outcomes.set(row.job.row, { kind: 'created', leadId: row.leadId });
  }
  return { outcomes, oneByOne };
}

/** Each row's create as the domain decides it, at one instant and in one context for the batch; refused rows go to `outcomes`. */
async function decideRows(
  intake: IntakeRuntime,
  jobs: readonly RowJob[],
  outcomes: Map<number, RowOutcome>,
): Promise<DecidedRow[]> {
  const [first] = jobs;
  if (first === undefined) return [];
  const { actor } = first.acting;
  const now = intake.runtime.clock.now();
  const context = await intake.dispatcher.context.build(actor.orgId, actor, now, [first.workflowId]);
  const decided: DecidedRow[] = [];
  for (const unchecked of jobs) {
    const job = checkedRow(unchecked);
    if (job.input.issues.length > 0) {
      outcomes.set(job.row, await failedWithDomainIssues(intake, job));
      continue;
    }
    const leadId = leadIdFor(intake, undefined, job.acting);
    try {
      const decision = decideCreateIn({ ...createInput(job), type: 'CreateLead', leadId }, context, now);
      const contacts = contactsOf(decision.created.data);
      decided.push({
        job,
        envelope: intake.dispatcher.envelope(job.acting),
        leadId,
        decision,
        contacts,
        contactStreams: contacts.map((contact) => contactStream(actor.orgId, contact)),
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.set(job.row, { kind: 'failed', errors: errorsOf(job.row, job.input.issues, error) });
    }
  }
  return decided;
}

/** The row's reservations, then its lead: the events and ids the guarded create would write, every stream new. */
function streamAppends(intake: IntakeRuntime, row: DecidedRow, now: Date): StreamAppend[] {
  const expectedRevision = ExpectedRevision.NoStream;
  const reservations = row.contacts.map((contact, index): StreamAppend => {
    const streamName = row.contactStreams[index] as string;
    const event = reservation(row.envelope, row.leadId, contact, now, []);
    return {
      streamName,
      events: [contactEventToAppend(intake, row.envelope, streamName, event, expectedRevision, now)],
      expectedRevision,
    };
  });
  const streamName = leadStream(row.leadId);
  const events = eventsToAppend(intake.runtime, row.envelope, streamName, row.decision.events, now);
  return [...reservations, { streamName, events, expectedRevision }];
}
