// Repeated submissions of one form with one email within a window fold into the lead the first one
// created, as a journey step, instead of making a new lead each time (a person pressing submit twice,
// a bot replaying a form). Only leads this form created count: a match with a lead from elsewhere is
// the form's duplicate policy's business. The contact reservation finds the lead without the read side.
import {
  leadStream,
  normaliseEmail,
  Permission,
  TEXT_LIMITS,
  UserId,
  isDomainError,
  type Actor,
  type LeadId,
} from '@leadline/domain';
import type { IntakeRuntime } from '../intake-runtime.js';
import { ContactKind, contactStream } from '../duplicates/contact-streams.js';
import type { WebForm } from './web-form.js';

/** A day: a second submission of the same email through the same form the next week is a new enquiry. */
export const DEFAULT_REPEAT_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Who records the step: the form's own system identity. A repeat is a fact the intake establishes, and
 * the form's actor (often Create Leads only) may not edit a lead it does not own.
 */
const repeatActor = (form: WebForm): Actor => ({
  userId: UserId(`system:web-form:${form.formId}`),
  orgId: form.actor.orgId,
  kind: 'system',
  permissions: [Permission.ViewLeads, Permission.ViewAllLeads, Permission.EditLeads],
});

export interface RepeatSubmission {
  readonly email: string | null;
  readonly notes: string | null;
  /** The submission's idempotency key as the form's commands carry it, when it sent one. */
  readonly idempotencyKey: string | null;
}

/** The lead the submission folded into, or null when it is not a repeat (create a lead as usual). */
export async function foldRepeat(
  intake: IntakeRuntime,
  form: WebForm,
  submission: RepeatSubmission,
): Promise<LeadId | null> {
  const windowMs = form.repeatWindowMs ?? DEFAULT_REPEAT_WINDOW_MS;
  const email = submission.email === null ? null : normaliseEmail(submission.email);
  if (windowMs === 0 || email === null) return null;
  const now = intake.runtime.clock.now();
  const since = now.getTime() - windowMs;
  const { state } = await intake.contacts.load(
    contactStream(form.actor.orgId, { kind: ContactKind.Email, value: email }),
  );
  for (const holder of [...state.holders].reverse()) {
    if (Date.parse(holder.reservedAt) < since) break;
    const created = await firstEvent(intake, holder.leadId);
    if (created?.metadata['form'] !== form.formId) continue;
    // The same submission sent again (its idempotency key): it created this lead, nothing more to record.
    if (submission.idempotencyKey !== null && created.metadata['idempotencyKey'] === submission.idempotencyKey)
      return holder.leadId;
    try {
      await intake.leads.recordJourneyStep(
        {
          leadId: holder.leadId,
          label: 'Submitted the web form again',
          description: within(
            submission.notes === null ? `Form ${form.formId}.` : `Form ${form.formId}: ${submission.notes}`,
            TEXT_LIMITS.journeyDescription,
          ),
        },
        {
          actor: repeatActor(form),
          ...(submission.idempotencyKey === null ? {} : { idempotencyKey: `${submission.idempotencyKey}/repeat` }),
          metadata: { form: form.formId },
        },
      );
      return holder.leadId;
    } catch (error) {
      // A lead deleted or merged since accepts no step: the submission makes a lead of its own.
      if (isDomainError(error)) continue;
      throw error;
    }
  }
  return null;
}

async function firstEvent(
  intake: IntakeRuntime,
  leadId: LeadId,
): Promise<{ readonly metadata: Readonly<Record<string, unknown>> } | undefined> {
  for await (const event of intake.runtime.store.readStream(leadStream(leadId), { maxCount: 1 })) return event;
  return undefined;
}

/** The text cut to `max` UTF-16 units without splitting a surrogate pair. */
function within(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
