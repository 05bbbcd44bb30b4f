// Queries sent on one connection one after the other without the caller waiting for each answer: the
// next goes out as soon as the server has answered the last one (when the event loop runs), so the
// server writes one projector's rows while this process applies the next projector's events — the two
// overlap instead of taking turns. The first error is raised by `drain`.
import type { PoolClient } from 'pg';

export class QueryPipeline {
  /** The last query sent; the next one goes out when it is answered. */
  private last: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly client: PoolClient) {}

  send(sql: string, params?: readonly unknown[]): void {
    this.last = this.last.then(async () => {
      // After a failure the transaction is aborted: nothing more is worth sending.
      if (this.failure !== undefined) return;
      try {
        await this.client.query(sql, params === undefined ? undefined : [...params]);
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  /** Waits for every query sent; throws the first one's error, if any failed. */
  async drain(): Promise<void> {
    await this.last;
    if (this.failure !== undefined) throw this.failure.error;
  }
}

/** Lets node-pg send what is queued: it does so only when the event loop gets a turn. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
