// The port the outbox dispatcher sends through. The SMTP adapter (smtp-transport.ts) is the default;
// an application may pass any other (an HTTP mail API, a test double).

/** One message as the dispatcher hands it over: plain text, one recipient. */
export interface OutgoingEmail {
  /** `<email-…@domain>`, derived from the queued email's id: the same on every attempt. */
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface EmailTransport {
  /** Resolves once the message was accepted for delivery; rejects when it was not (the dispatcher retries). */
  send(email: OutgoingEmail): Promise<void>;
  /** Releases connections; called when Leadline closes. */
  close?(): Promise<void>;
}
