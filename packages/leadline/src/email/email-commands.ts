// `leadline.email`: mass email to picked leads through the outbox. Sending records one EmailQueued per
// lead (the outbox dispatcher does the sending); leads that cannot receive it are reported and skipped.
import {
  DomainErrorCode,
  EmailId,
  checkEmailTemplate,
  isDomainError,
  type DomainError,
  type Actor,
  type EmailTemplate,
  type LeadId,
  type OptOutOfEmail,
} from '@leadline/domain';
import { derivedId } from '../commands/idempotency.js';
import type { CommandInput, LeadCommandResult, LeadCommands } from '../leads/lead-commands.js';
import type { IdGenerator } from '../runtime/clock.js';
import type { Acting } from '../runtime/dispatcher.js';
import type { AdHocView } from '../views/lead-list.js';

export interface SendEmailInput {
  /** The picked leads, in order; a lead named twice gets one email. Or give `view` instead. */
  readonly leadIds?: readonly LeadId[];
  /** Every lead of this view (id or name) the sender sees, in the view's order; `adHoc` narrows it. */
  readonly view?: string;
  readonly adHoc?: AdHocView;
  /** Subject and body with merge fields (`{{name}}`, `{{company}}`, `{{email}}`, `{{phone}}`, `{{source}}`). */
  readonly template: EmailTemplate;
}

export interface QueuedEmail {
  readonly leadId: LeadId;
  readonly emailId: EmailId;
  readonly messageId: string;
}

export interface SkippedLead {
  readonly leadId: LeadId;
  /** The domain's refusal: EMAIL_NOT_SENDABLE (`has-email`, `not-opted-out`), NOT_FOUND, LEAD_DELETED… */
  readonly code: DomainError['code'];
  readonly rule: string;
  readonly message: string;
}

export interface SendEmailResult {
  readonly queued: readonly QueuedEmail[];
  readonly skipped: readonly SkippedLead[];
}

export interface EmailCommands {
  /** Checks the template first (an unknown merge field writes nothing), then queues one email per lead. */
  send(input: SendEmailInput, acting: Acting): Promise<SendEmailResult>;
  /** The lead asks for no more email; later sends skip it. */
  optOut(input: CommandInput<OptOutOfEmail>, acting: Acting): Promise<LeadCommandResult>;
}

/** Refusals that concern one lead only: reported, and the others still get their email. */
const SKIPPED_FOR: ReadonlySet<string> = new Set([
  DomainErrorCode.EmailNotSendable,
  DomainErrorCode.NotFound,
  DomainErrorCode.LeadDeleted,
  DomainErrorCode.LeadMerged,
  DomainErrorCode.PermissionDenied,
  DomainErrorCode.WrongOrganisation,
]);

/** The Message-ID of a queued email: derived from its id, so every attempt carries the same one. */
export const messageIdOf = (emailId: string, domain: string): string => `<email-${emailId}@${domain}>`;

/** One send is one piece of work (one correlation id); a key given for the send becomes one key per lead. */
const perLead = (acting: Acting & { readonly correlationId: string }, leadId: LeadId): Acting =>
  acting.idempotencyKey === undefined
    ? acting
    : { ...acting, idempotencyKey: `${acting.idempotencyKey}:email:${leadId}` };

/** The ids of a view's leads as the actor sees them, page by page. */
export type ViewLeadIds = (input: {
  readonly viewer: Actor;
  readonly view?: string;
  readonly adHoc?: AdHocView;
}) => AsyncIterable<readonly LeadId[]>;

/** The leads a send names: its ids, or its view's leads read page by page. */
async function* recipientsOf(input: SendEmailInput, viewer: Actor, viewLeadIds: ViewLeadIds): AsyncGenerator<LeadId> {
  if (input.leadIds !== undefined) {
    yield* input.leadIds;
    return;
  }
  const view = {
    viewer,
    ...(input.view === undefined ? {} : { view: input.view }),
    ...(input.adHoc === undefined ? {} : { adHoc: input.adHoc }),
  };
  for await (const page of viewLeadIds(view)) yield* page;
}

export function createEmailCommands(
  leads: LeadCommands,
  ids: IdGenerator,
  messageIdDomain: string,
  viewLeadIds: ViewLeadIds,
): EmailCommands {
  return {
    async send(input, acting) {
      const template = checkEmailTemplate(input.template);
      const send = { ...acting, correlationId: acting.correlationId ?? ids.newId() };
      const queued: QueuedEmail[] = [];
      const skipped: SkippedLead[] = [];
      const seen = new Set<LeadId>();
      for await (const leadId of recipientsOf(input, acting.actor, viewLeadIds)) {
        if (seen.has(leadId)) continue;
        seen.add(leadId);
        // With an idempotency key a retried send derives the same ids, and the decider records nothing twice.
        const emailId = EmailId(
          acting.idempotencyKey === undefined
            ? ids.newId()
            : derivedId(acting.actor.orgId, acting.idempotencyKey, `email:${leadId}`),
        );
        const messageId = messageIdOf(emailId, messageIdDomain);
        try {
          await leads.execute({ type: 'QueueEmail', leadId, emailId, messageId, template }, perLead(send, leadId));
          queued.push({ leadId, emailId, messageId });
        } catch (error) {
          if (!isDomainError(error) || !SKIPPED_FOR.has(error.code)) throw error;
          skipped.push({ leadId, code: error.code, rule: error.rule, message: error.message });
        }
      }
      return { queued, skipped };
    },
    optOut: (input, acting) => leads.execute({ ...input, type: 'OptOutOfEmail' }, acting),
  };
}
