// A one-consumer queue between the client's event emitters and an async iterator, with back-pressure
// hooks: the producer pauses above the high-water mark and resumes once the consumer drains it.
export class MessageQueue<Item> {
  private readonly items: Item[] = [];
  private waiting: ((result: IteratorResult<Item, undefined> | Error) => void) | undefined;
  private ended = false;
  private failure: Error | undefined;

  constructor(
    private readonly highWaterMark: number,
    private readonly pressure: { pause(): void; resume(): void },
  ) {}

  get length(): number {
    return this.items.length;
  }

  push(item: Item): void {
    if (this.ended) return;
    if (this.waiting) {
      this.settle({ done: false, value: item });
      return;
    }
    this.items.push(item);
    if (this.items.length >= this.highWaterMark) this.pressure.pause();
  }

  /** No more items: the consumer gets what is queued, then the end. */
  end(): void {
    this.ended = true;
    if (this.waiting && this.items.length === 0) this.settle({ done: true, value: undefined });
  }

  /** The consumer gets what is queued, then `error`. */
  fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.ended = true;
    if (this.waiting && this.items.length === 0) this.settle(error);
  }

  async next(): Promise<IteratorResult<Item, undefined>> {
    const item = this.items.shift();
    if (item !== undefined) {
      if (this.items.length < this.highWaterMark / 2) this.pressure.resume();
      return { done: false, value: item };
    }
    if (this.failure) throw this.failure;
    if (this.ended) return { done: true, value: undefined };
    const result = await new Promise<IteratorResult<Item, undefined> | Error>((resolve) => {
      this.waiting = resolve;
    });
    if (result instanceof Error) throw result;
    return result;
  }

  private settle(result: IteratorResult<Item, undefined> | Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(result);
  }
}
