// Email on a lead: queueing one (filled from the lead's details), opting out, and the outbox's record
// of each attempt and outcome. Recording is idempotent, so a dispatcher retried or racing another
// writes each fact once; an attempt that is already recorded tells the loser not to send.
import { checkEmailTemplate, renderEmailTemplate } from '../email/template.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import { invalid, throwIfAny, type Issues } from '../validation/issues.js';
import { optionalText, TEXT_LIMITS } from '../validation/text.js';
import type {
  OptOutOfEmail,
  QueueEmail,
  RecordEmailAttempt,
  RecordEmailFailure,
  RecordEmailSent,
} from './email-commands.js';
import type { LeadEvent } from './events.js';
import type { ExistingLeadState, OutboxEmailState } from './state.js';

export const decideQueueEmail = (command: QueueEmail, state: ExistingLeadState): LeadEvent[] => {
  const template = checkEmailTemplate(command.template);
  if (state.emails[command.emailId] !== undefined) return [];
  const to =
    state.details.email ??
    refuse(DomainErrorCode.EmailNotSendable, 'leadId', 'has-email', `Lead ${state.leadId} has no email address.`);
  if (state.emailOptedOut) {
    refuse(DomainErrorCode.EmailNotSendable, 'leadId', 'not-opted-out', `Lead ${state.leadId} opted out of email.`);
  }
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(command.messageId)) {
    invalid('messageId', 'message-id', 'A Message-ID reads <local@domain>.');
  }
  const { subject, body } = renderEmailTemplate(template, state.details);
  return [
    {
      type: 'EmailQueued',
      data: { leadId: state.leadId, emailId: command.emailId, messageId: command.messageId, to, subject, body },
    },
  ];
};

export const decideOptOut = (command: OptOutOfEmail, state: ExistingLeadState): LeadEvent[] => {
  const issues: Issues = [];
  const reason = optionalText(issues, 'reason', command.reason, TEXT_LIMITS.reason);
  throwIfAny(issues);
  return state.emailOptedOut ? [] : [{ type: 'EmailOptedOut', data: { leadId: state.leadId, reason } }];
};

const queuedEmail = (state: ExistingLeadState, emailId: string): OutboxEmailState =>
  state.emails[emailId] ??
  refuse(DomainErrorCode.NotFound, 'emailId', 'queued-email', `Lead ${state.leadId} has no queued email ${emailId}.`);

const checkAttempt = (attempt: number): void => {
  if (!Number.isInteger(attempt) || attempt < 1) invalid('attempt', 'positive-integer', 'attempt counts from 1.');
};

/** The next attempt, unless it is recorded already or the email is done: then nothing (do not send). */
export const decideEmailAttempt = (command: RecordEmailAttempt, state: ExistingLeadState): LeadEvent[] => {
  checkAttempt(command.attempt);
  const email = queuedEmail(state, command.emailId);
  if (email.status !== 'queued' || command.attempt <= email.attempts) return [];
  if (command.attempt !== email.attempts + 1) {
    invalid(
      'attempt',
      'next-attempt',
      `The next attempt of email ${command.emailId} is ${String(email.attempts + 1)}.`,
    );
  }
  return [
    { type: 'EmailSendAttempted', data: { leadId: state.leadId, emailId: command.emailId, attempt: command.attempt } },
  ];
};

/** The outcome of the attempt in flight; a second record of it decides nothing. */
const requireSending = (state: ExistingLeadState, emailId: string, attempt: number): boolean => {
  checkAttempt(attempt);
  const email = queuedEmail(state, emailId);
  return email.status === 'sending' && email.attempts === attempt;
};

export const decideEmailSent = (command: RecordEmailSent, state: ExistingLeadState): LeadEvent[] => {
  if (!requireSending(state, command.emailId, command.attempt)) return [];
  const { messageId } = queuedEmail(state, command.emailId);
  return [
    {
      type: 'EmailSent',
      data: { leadId: state.leadId, emailId: command.emailId, messageId, attempt: command.attempt },
    },
  ];
};

export const decideEmailFailure = (command: RecordEmailFailure, state: ExistingLeadState): LeadEvent[] => {
  if (!requireSending(state, command.emailId, command.attempt)) return [];
  const issues: Issues = [];
  const error = optionalText(issues, 'error', command.error, TEXT_LIMITS.reason) ?? 'unknown error';
  throwIfAny(issues);
  if (command.retryAt !== null && Number.isNaN(Date.parse(command.retryAt))) {
    invalid('retryAt', 'iso-instant', 'retryAt is an ISO 8601 instant, or null to give up.');
  }
  return [
    {
      type: 'EmailSendFailed',
      data: {
        leadId: state.leadId,
        emailId: command.emailId,
        attempt: command.attempt,
        error,
        retryAt: command.retryAt,
      },
    },
  ];
};
