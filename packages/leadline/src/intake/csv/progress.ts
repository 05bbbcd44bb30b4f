// Progress of an import as a callback gets it: rows done, rows in all when known, and the pace.
import { performance } from 'node:perf_hooks';

export interface ImportProgress {
  readonly rowsDone: number;
  /** Known when the whole file was seen ahead (a path or text), else null. */
  readonly rowsTotal: number | null;
  readonly rowsPerSecond: number;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  /** True on the last report of the import. */
  readonly finished: boolean;
}

export interface ProgressMeter {
  rowDone(): void;
  finish(): void;
}

export function createProgressMeter(
  rowsTotal: number | null,
  bytesTotal: number | null,
  bytesDone: () => number,
  report: ((progress: ImportProgress) => void) | undefined,
  everyMs: number,
): ProgressMeter {
  const started = performance.now();
  let rowsDone = 0;
  let lastReport = -Infinity;
  const emit = (finished: boolean): void => {
    if (report === undefined) return;
    const now = performance.now();
    if (!finished && now - lastReport < everyMs) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    report({
      rowsDone,
      rowsTotal,
      rowsPerSecond: seconds > 0 ? Math.round(rowsDone / seconds) : 0,
      bytesDone: Math.min(bytesDone(), bytesTotal ?? Infinity),
      bytesTotal,
      finished,
    });
  };
  return {
    rowDone() {
      rowsDone += 1;
      emit(false);
    },
    finish: () => emit(true),
  };
}
