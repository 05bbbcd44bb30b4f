// The event ids this store has seen in each stream, from revision 0 without a gap. A stream never
// changes below its last revision, so what is known stays true; it lets an append at an exact revision
// the store already knows skip reading the stream to look for its ids. Bounded: least recently used
// streams are forgotten first.
export class KnownEventIds {
  private readonly streams = new Map<string, { knownThrough: bigint; readonly ids: Set<string> }>();

  constructor(private readonly maxStreams: number) {}

  /** An event of the stream seen in a forward read or written by an append; gaps are ignored. */
  observe(streamName: string, revision: bigint, eventId: string): void {
    let known = this.streams.get(streamName);
    if (known === undefined) {
      if (revision !== 0n) return;
      known = { knownThrough: -1n, ids: new Set() };
    }
    if (revision === known.knownThrough + 1n) {
      known.knownThrough = revision;
      known.ids.add(eventId);
    }
    this.touch(streamName, known);
  }

  /**
   * True when none of `eventIds` is stored at revisions 0..`revision` of the stream, as far as this store
   * knows everything up to there; false when it does not know enough, or one of them is stored.
   */
  noneStoredThrough(streamName: string, revision: bigint, eventIds: readonly string[]): boolean {
    const known = this.streams.get(streamName);
    if (known === undefined || known.knownThrough < revision) return false;
    this.touch(streamName, known);
    return eventIds.every((eventId) => !known.ids.has(eventId));
  }

  forget(streamName: string): void {
    this.streams.delete(streamName);
  }

  private touch(streamName: string, known: { knownThrough: bigint; readonly ids: Set<string> }): void {
    this.streams.delete(streamName);
    this.streams.set(streamName, known);
    if (this.streams.size > this.maxStreams) {
      const oldest = this.streams.keys().next();
      if (oldest.done !== true) this.streams.delete(oldest.value);
    }
  }
}
