// Small helpers for tests against any EventStore: build events, drain iterables, take subscription messages.
import type { Subscription, SubscriptionMessage } from '../port/event-store.js';
import type { EventMetadata, EventToAppend } from '../port/events.js';

export const testMetadata: EventMetadata = {
  orgId: 'org-conformance',
  actorId: 'user-conformance',
  occurredAt: '2026-01-01T09:00:00.000Z',
  correlationId: 'correlation-conformance',
  causationId: 'causation-conformance',
  schemaVersion: 1,
};

/** An event to append with complete test metadata; `extra` sets an eventId or overrides metadata fields. */
export function anEvent<Data = Record<string, never>>(
  type: string,
  data?: Data,
  extra: { eventId?: string; metadata?: Partial<EventMetadata> } = {},
): EventToAppend<string, Data | Record<string, never>> {
  return {
    ...(extra.eventId === undefined ? {} : { eventId: extra.eventId }),
    type,
    data: data ?? {},
    metadata: { ...testMetadata, ...extra.metadata },
  };
}

/** Everything an async iterable yields, in order. */
export async function collect<Item>(iterable: AsyncIterable<Item>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

interface Cursor {
  readonly iterator: AsyncIterator<SubscriptionMessage>;
  /** A next() still pending from a call that timed out; the following call picks it up so nothing is lost. */
  pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;
}

const cursors = new WeakMap<Subscription, Cursor>();

/**
 * The next `count` messages of a subscription, fewer if it ends first. Rejects after `timeoutMs` saying
 * how many arrived. Successive calls on one subscription continue where the last one stopped.
 */
export async function takeMessages(
  subscription: Subscription,
  count: number,
  timeoutMs = 5_000,
): Promise<SubscriptionMessage[]> {
  let cursor = cursors.get(subscription);
  if (cursor === undefined) {
    cursor = { iterator: subscription[Symbol.asyncIterator](), pending: undefined };
    cursors.set(subscription, cursor);
  }
  const messages: SubscriptionMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    while (messages.length < count) {
      cursor.pending ??= cursor.iterator.next();
      const result = await Promise.race([cursor.pending, timeout]);
      if (result === 'timeout') {
        throw new Error(`takeMessages: ${messages.length} of ${count} messages arrived within ${timeoutMs} ms`);
      }
      cursor.pending = undefined;
      if (result.done === true) break;
      messages.push(result.value);
    }
    return messages;
  } finally {
    clearTimeout(timer);
  }
}
