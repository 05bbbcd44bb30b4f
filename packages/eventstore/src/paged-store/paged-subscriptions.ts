// The live subscriptions of one store: one change signal they all wait on, and a way to stop them all on dispose.
import type { Subscription } from '../port/event-store.js';
import { ChangeSignal } from './change-signal.js';
import { createPagedSubscription, type PagedFeed } from './paged-subscription.js';

export class PagedSubscriptions {
  /** Notify it when the store may hold new events (an append here, a NOTIFY from the server). */
  readonly changes = new ChangeSignal();
  private readonly active = new Set<Subscription>();

  subscribe(feed: Omit<PagedFeed, 'changes'>, after: bigint): Subscription {
    const subscription = createPagedSubscription({ ...feed, changes: this.changes }, after, () =>
      this.active.delete(subscription),
    );
    this.active.add(subscription);
    return subscription;
  }

  /** Starts stopping every subscription at once (each ends its iterator), and resolves when all have. */
  stopAll(): Promise<void> {
    return Promise.all([...this.active].map((subscription) => subscription.stop())).then(() => undefined);
  }
}
