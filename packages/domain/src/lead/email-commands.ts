// The lead's email commands: what `leadline.email` sends for a person, and what the outbox dispatcher
// records as it works (docs/email.md).
import type { EmailTemplate } from '../email/template.js';
import type { EmailId, LeadId } from '../shared/ids.js';

export interface QueueEmail {
  readonly type: 'QueueEmail';
  readonly leadId: LeadId;
  readonly emailId: EmailId;
  /** The Message-ID header the message will carry, derived from the email id by the caller. */
  readonly messageId: string;
  readonly template: EmailTemplate;
}

export interface OptOutOfEmail {
  readonly type: 'OptOutOfEmail';
  readonly leadId: LeadId;
  readonly reason?: string | null;
}

export interface RecordEmailAttempt {
  readonly type: 'RecordEmailAttempt';
  readonly leadId: LeadId;
  readonly emailId: EmailId;
  readonly attempt: number;
}

export interface RecordEmailSent {
  readonly type: 'RecordEmailSent';
  readonly leadId: LeadId;
  readonly emailId: EmailId;
  readonly attempt: number;
}

export interface RecordEmailFailure {
  readonly type: 'RecordEmailFailure';
  readonly leadId: LeadId;
  readonly emailId: EmailId;
  readonly attempt: number;
  readonly error: string;
  /** When to try again; null gives up. */
  readonly retryAt: string | null;
}

export type LeadEmailCommand = QueueEmail | OptOutOfEmail | RecordEmailAttempt | RecordEmailSent | RecordEmailFailure;
