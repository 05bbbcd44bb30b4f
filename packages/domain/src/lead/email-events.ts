// The lead's email events: a queued email, each send attempt and its outcome, and the opt-out
// (see docs/events.md and docs/email.md).
import type { EmailId, LeadId } from '../shared/ids.js';

export interface EmailQueued {
  readonly type: 'EmailQueued';
  readonly data: {
    readonly leadId: LeadId;
    readonly emailId: EmailId;
    /** The Message-ID header, derived from the email id: the idempotency key receivers can dedupe on. */
    readonly messageId: string;
    /** The lead's address when queued. */
    readonly to: string;
    /** Subject and body with the merge fields filled. */
    readonly subject: string;
    readonly body: string;
  };
}

/** The outbox dispatcher is handing the message to the transport (attempt 1, 2...). */
export interface EmailSendAttempted {
  readonly type: 'EmailSendAttempted';
  readonly data: { readonly leadId: LeadId; readonly emailId: EmailId; readonly attempt: number };
}

export interface EmailSent {
  readonly type: 'EmailSent';
  readonly data: {
    readonly leadId: LeadId;
    readonly emailId: EmailId;
    readonly messageId: string;
    readonly attempt: number;
  };
}

export interface EmailSendFailed {
  readonly type: 'EmailSendFailed';
  readonly data: {
    readonly leadId: LeadId;
    readonly emailId: EmailId;
    readonly attempt: number;
    /** What the transport said, or why the outcome is unknown. */
    readonly error: string;
    /** When the next attempt is due; null when the email has failed for good. */
    readonly retryAt: string | null;
  };
}

export interface EmailOptedOut {
  readonly type: 'EmailOptedOut';
  readonly data: { readonly leadId: LeadId; readonly reason: string | null };
}

export type LeadEmailEvent = EmailQueued | EmailSendAttempted | EmailSent | EmailSendFailed | EmailOptedOut;
