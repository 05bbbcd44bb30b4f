// Catch-up subscription to `$all` that survives dropped connections: it resubscribes from the last
// position it knows was considered, with bounded exponential backoff, and drops anything at or before
// the last event it delivered, so a consumer sees every matching event once, in order.
import {
  START as START_OF_ALL,
  type AllStreamSubscription,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  START,
  StoreUnavailableError,
  compileEventFilter,
  resubscribeDelayMs,
  validateSubscribeOptions,
  type EventFilter,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionMessage,
} from '@leadline/eventstore';
import { isAfter, toRecordedEvent } from './codec.js';
import type { StoreContext } from './context.js';
import { isTransient, toPortError } from './errors.js';
import { MessageQueue } from './message-queue.js';
import { serverFilterFor } from './server-filter.js';

type Signal =
  | { readonly kind: 'event'; readonly resolved: ResolvedEvent }
  | { readonly kind: 'caught-up' }
  | { readonly kind: 'checkpoint'; readonly position: Position }
  | { readonly kind: 'confirmed' };

interface Connection {
  readonly signals: MessageQueue<Signal>;
  close(): Promise<void>;
}

const HIGH_WATER_MARK = 256;

export function subscribe(
  context: StoreContext,
  options: SubscribeOptions | undefined,
  onStop: (subscription: Subscription) => void,
): Subscription {
  context.ensureOpen();
  const { after, filter } = validateSubscribeOptions(options);
  return new ResubscribingSubscription(context, after, filter, onStop);
}

class ResubscribingSubscription implements Subscription {
  private lastDelivered: bigint;
  /** Where a resubscription starts (exclusive); null before anything was considered: from the start. */
  private resumeFrom: Position | null;
  private caughtUp = false;
  private stopped = false;
  private connection: Connection | null = null;
  private cancelSleep: (() => void) | null = null;
  private readonly messages: AsyncGenerator<SubscriptionMessage, void, undefined>;

  constructor(
    private readonly context: StoreContext,
    after: bigint,
    private readonly filter: EventFilter | undefined,
    private readonly onStop: (subscription: Subscription) => void,
  ) {
    this.lastDelivered = after;
    this.resumeFrom = after === START ? null : { commit: after, prepare: after };
    this.messages = this.deliver();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return this.messages;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelSleep?.();
    const connection = this.connection;
    connection?.signals.end();
    this.onStop(this);
    await connection?.close();
  }

  private get ended(): boolean {
    return this.stopped || this.context.disposed;
  }

  private async *deliver(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    const matches = compileEventFilter(this.filter);
    let failures = 0;
    while (!this.ended) {
      const connection = this.connect();
      this.connection = connection;
      let failure: unknown = null;
      try {
        for (let next = await connection.signals.next(); next.done !== true; next = await connection.signals.next()) {
          failures = 0;
          const message = this.receive(next.value, matches);
          if (message !== null) yield message;
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- end() may have run while suspended at the yield
          if (this.ended) return;
        }
      } catch (error) {
        failure = error;
      } finally {
        await connection.close();
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- end() may have run during the reads
      if (this.ended) return;
      if (failure !== null && !isTransient(failure)) throw toPortError(failure);
      failures += 1;
      if (failures > this.context.resubscribe.maxAttempts) {
        throw new StoreUnavailableError(
          `The subscription lost its connection and ${failures - 1} resubscriptions failed.`,
          { cause: failure },
        );
      }
      await this.sleep(failures);
    }
  }

  /** Advances the resume position and returns what the consumer should see, if anything. */
  private receive(signal: Signal, matches: ReturnType<typeof compileEventFilter>): SubscriptionMessage | null {
    if (signal.kind === 'confirmed') return null;
    if (signal.kind === 'checkpoint') {
      this.advance(signal.position);
      return null;
    }
    if (signal.kind === 'caught-up') {
      if (this.caughtUp) return null;
      this.caughtUp = true;
      return { kind: 'caught-up', position: this.lastDelivered };
    }
    const position = signal.resolved.event?.position;
    if (position !== undefined) this.advance(position);
    const event = toRecordedEvent(signal.resolved, this.context.names);
    if (event === null || !matches(event) || event.position <= this.lastDelivered) return null;
    this.lastDelivered = event.position;
    return { kind: 'event', event: this.context.present(event) };
  }

  private advance(position: Position): void {
    if (this.resumeFrom === null || isAfter(position, this.resumeFrom)) this.resumeFrom = position;
  }

  private connect(): Connection {
    let subscription: AllStreamSubscription | null = null;
    const signals = new MessageQueue<Signal>(HIGH_WATER_MARK, {
      pause: () => subscription?.pause(),
      resume: () => subscription?.resume(),
    });
    // Caught-up and checkpoints arrive as events beside the data: hold each back until every event
    // received before it has been queued, so the consumer sees them in the server's order.
    let received = 0;
    const held: { readonly at: number; readonly signal: Signal }[] = [];
    const inOrder = (signal: Signal): void => {
      const at = received + (subscription?.readableLength ?? 0);
      if (at === received) signals.push(signal);
      else held.push({ at, signal });
    };
    const current = this.context.client.subscribeToAll({
      fromPosition: this.resumeFrom ?? START_OF_ALL,
      filter: {
        ...serverFilterFor(this.filter, this.context.names),
        checkpointReached: (_, position) => inOrder({ kind: 'checkpoint', position }),
      },
    });
    subscription = current;
    current.on('data', (resolved: ResolvedEvent) => {
      received += 1;
      signals.push({ kind: 'event', resolved });
      while (held[0] !== undefined && held[0].at <= received) {
        const due = held.shift();
        if (due) signals.push(due.signal);
      }
    });
    current.on('caughtUp', () => inOrder({ kind: 'caught-up' }));
    current.on('confirmation', () => signals.push({ kind: 'confirmed' }));
    current.on('error', (error: Error) => signals.fail(error));
    current.on('end', () => signals.end());
    return {
      signals,
      close: async () => {
        signals.end();
        await current.unsubscribe().catch(() => undefined);
      },
    };
  }

  private sleep(failures: number): Promise<void> {
    const delay = resubscribeDelayMs(this.context.resubscribe, failures);
    return new Promise((resolve) => {
      const timer = setTimeout(finish, delay);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.cancelSleep = finish;
    });
  }
}
