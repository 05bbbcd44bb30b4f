// Progress of a catch-up or rebuild, reported after every committed batch (the CLI draws a bar).

export interface ProjectionProgress {
  /** Events of the feed processed so far in this run. */
  readonly done: number;
  /** done plus the events still to read up to the head seen at the start (estimated from positions). */
  readonly total: number;
  readonly eventsPerSecond: number;
  /** The global position committed so far. */
  readonly position: bigint;
}

export type ProgressListener = (progress: ProjectionProgress) => void;

/** Turns commits into progress reports; `now` is injectable so tests need no real clock. */
export function progressTracker(
  head: bigint,
  listener: ProgressListener | undefined,
  now: () => number = () => performance.now(),
): (position: bigint, events: number) => void {
  const started = now();
  let done = 0;
  return (position, events) => {
    done += events;
    if (listener === undefined) return;
    const remaining = head > position ? Number(head - position) : 0;
    const seconds = (now() - started) / 1000;
    listener({
      done,
      total: done + remaining,
      eventsPerSecond: seconds > 0 ? Math.round(done / seconds) : 0,
      position,
    });
  };
}
