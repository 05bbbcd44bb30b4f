// The outbox dispatcher: sends every queued email through the transport and records what happened on
// the lead. It learns the outbox from the store's feed (a restart catches up), records each attempt
// before sending (the attempt that is already recorded tells a second dispatcher not to send), retries
// failures with exponential backoff, and never resends an email whose attempt has no outcome: that is
// a crash between send and record, and a resend is the duplicate we promise not to make (docs/email.md).
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { EmailQueued } from '@leadline/domain';
import { MAX_TIMER_DELAY_MS, type Clock, type TimerHandle, type Timers } from '../../runtime/clock.js';
import type { EmailTransport } from '../../email/transport.js';
import { createFeedWorker } from '../feed-worker.js';

export const OUTBOX_EVENT_TYPES = [
  'EmailQueued',
  'EmailSendAttempted',
  'EmailSent',
  'EmailSendFailed',
  'LeadDeleted',
  'LeadMerged',
] as const;

/** An email the outbox still owes: queued, waiting for a retry, or being sent. */
export interface OutboxEmail extends Omit<EmailQueued['data'], 'leadId' | 'emailId'> {
  readonly orgId: string;
  readonly leadId: string;
  readonly emailId: string;
  readonly causedBy: { readonly eventId: string; readonly correlationId: string };
}

/** How the dispatcher writes to the lead; `attempt` resolves false when that attempt was recorded already. */
export interface OutboxRecorder {
  attempt(email: OutboxEmail, attempt: number): Promise<boolean>;
  sent(email: OutboxEmail, attempt: number): Promise<void>;
  failed(email: OutboxEmail, attempt: number, error: string, retryAt: string | null): Promise<void>;
}

export interface OutboxRetryPolicy {
  /** Attempts before an email fails for good. Default 5. */
  readonly maxAttempts: number;
  /** Wait after the first failure, doubled after each next one. Default 30 s. */
  readonly baseDelayMs: number;
  /** The longest wait between attempts. Default 1 h. */
  readonly maxDelayMs: number;
  /** An attempt with no outcome after this long is in doubt (its dispatcher stopped mid-send). Default 10 min. */
  readonly inDoubtAfterMs: number;
}

export const DEFAULT_OUTBOX_RETRY: OutboxRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  inDoubtAfterMs: 600_000,
};

export interface OutboxDispatcherOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly transport: EmailTransport;
  /** The From address of every message. */
  readonly from: string;
  readonly record: OutboxRecorder;
  readonly retry?: Partial<OutboxRetryPolicy>;
  readonly onError?: (error: unknown, email: OutboxEmail | null) => void;
}

export interface OutboxDispatcher {
  start(): Promise<void>;
  /** Resolves when the feed is handled and nothing due now is unsent or unrecorded (future retries wait). */
  settled(): Promise<void>;
  /** Emails owed: queued, waiting for a retry, or in flight. */
  pending(): number;
  stop(): Promise<void>;
}

interface Owed {
  readonly email: OutboxEmail;
  status: 'queued' | 'sending';
  attempts: number;
  dueAt: number;
}

export const IN_DOUBT_ERROR =
  'outcome unknown: the attempt was recorded but not its result (the dispatcher stopped mid-send); not resent, to avoid a duplicate';

export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { store, clock, timers, transport, record } = options;
  const retry = { ...DEFAULT_OUTBOX_RETRY, ...options.retry };
  const owed = new Map<string, Owed>();
  const inFlight = new Set<string>();
  let timer: TimerHandle | null = null;

  const at = (iso: string): number => Date.parse(iso);
  const track = (event: RecordedEvent): void => {
    const data = event.data as { leadId: string; emailId?: string; attempt?: number; retryAt?: string | null };
    const entry = owed.get(data.emailId ?? '');
    switch (event.type) {
      case 'EmailQueued': {
        const queued = event.data as EmailQueued['data'];
        const causedBy = { eventId: event.eventId, correlationId: event.metadata.correlationId };
        const email: OutboxEmail = { ...queued, orgId: event.metadata.orgId, causedBy };
        owed.set(queued.emailId, { email, status: 'queued', attempts: 0, dueAt: at(event.metadata.occurredAt) });
        break;
      }
      case 'EmailSendAttempted':
        if (entry === undefined) break;
        entry.status = 'sending';
        entry.attempts = data.attempt ?? entry.attempts;
        entry.dueAt = at(event.metadata.occurredAt) + retry.inDoubtAfterMs;
        break;
      case 'EmailSendFailed':
        if (entry === undefined) break;
        if (data.retryAt === null || data.retryAt === undefined) owed.delete(entry.email.emailId);
        else Object.assign(entry, { status: 'queued', dueAt: at(data.retryAt) });
        break;
      case 'EmailSent':
        owed.delete(data.emailId ?? '');
        break;
      default:
        // A deleted lead, or one merged away, accepts no attempt: its owed emails are dropped.
        if (event.type === 'LeadDeleted' || (event.data as { side?: string }).side === 'absorbed') {
          for (const [emailId, { email }] of owed) if (email.leadId === data.leadId) owed.delete(emailId);
        }
    }
  };

  const backoff = (attempt: number): number =>
    Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));

  const report = (error: unknown, email: OutboxEmail): void => options.onError?.(error, email);

  const sendOne = async (entry: Owed): Promise<void> => {
    const { email } = entry;
    if (entry.status === 'sending') {
      if (retry.inDoubtAfterMs < 0) return;
      await record.failed(email, entry.attempts, IN_DOUBT_ERROR, null);
      return;
    }
    const attempt = entry.attempts + 1;
    if (!(await record.attempt(email, attempt))) return; // another dispatcher has it
    let failure: string | null = null;
    try {
      await transport.send({
        messageId: email.messageId,
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.body,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure === null) {
      await record.sent(email, attempt);
      return;
    }
    const retryAt =
      attempt >= retry.maxAttempts ? null : new Date(clock.now().getTime() + backoff(attempt)).toISOString();
    await record.failed(email, attempt, failure, retryAt);
  };

  const due = (): Owed[] => {
    const now = clock.now().getTime();
    return [...owed.values()].filter((entry) => entry.dueAt <= now && !inFlight.has(entry.email.emailId));
  };

  const arm = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!worker.live()) return;
    const next = Math.min(...[...owed.values()].filter((e) => !inFlight.has(e.email.emailId)).map((e) => e.dueAt));
    if (next === Infinity) return;
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, next - clock.now().getTime()));
    timer = timers.setTimeout(() => {
      timer = null;
      void worker.round();
    }, delay);
  };

  const worker = createFeedWorker({
    store,
    timers,
    eventTypes: OUTBOX_EVENT_TYPES,
    track,
    async work(stopped) {
      for (let batch = due(); batch.length > 0 && !stopped(); batch = due()) {
        for (const entry of batch) {
          const { emailId } = entry.email;
          inFlight.add(emailId);
          try {
            await sendOne(entry);
          } catch (error) {
            // Recording failed (store down): what the history says is tried again after a backoff.
            report(error, entry.email);
            entry.dueAt = clock.now().getTime() + retry.baseDelayMs;
          } finally {
            inFlight.delete(emailId);
          }
        }
      }
    },
    afterRound: () => arm(),
    onStop() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    failed: (error) => options.onError?.(error, null),
  });

  return {
    start: () => worker.start(),
    settled: () =>
      worker.settled({
        idle: () => due().length === 0 && inFlight.size === 0,
        kick: () => {
          if (worker.working() === null) void worker.round();
        },
      }),
    pending: () => owed.size,
    stop: () => worker.stop(),
  };
}
