// Progress of long work (import, rebuild, replay, the demo): a live bar with rate and time left on a
// terminal, a line every few seconds otherwise, nothing with --json.
import { SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';
import { terminalSafe } from './terminal-text.js';

export interface Progress {
  /** Sets the amount done and, when it grew, the new total. */
  update(done: number, total?: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** How often a non-terminal prints a progress line, in ms. */
const LINE_INTERVAL_MS = 2000;

export function startProgress(io: CliIo, given: string, total: number, unit: string, quiet: boolean): Progress {
  if (quiet) return SILENT;
  // A label may name a file the user chose.
  const label = terminalSafe(given);
  if (io.interactive) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    });
    const started = performance.now();
    bar.start(total, 0, { rate: 0 });
    return {
      update(done, newTotal) {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
      },
      stop: () => bar.stop(),
    };
  }
  const started = performance.now();
  let lastLine = started;
  let current = { done: 0, total };
  const line = (): void => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? current.done / seconds : 0;
    const left = rate > 0 ? Math.ceil((current.total - current.done) / rate) : 0;
    io.stderr(`${label}: ${current.done}/${current.total} ${unit}, ${Math.round(rate)} ${unit}/s, ${left}s left\n`);
  };
  return {
    update(done, newTotal) {
      current = { done, total: newTotal ?? current.total };
      const now = performance.now();
      if (now - lastLine >= LINE_INTERVAL_MS) {
        lastLine = now;
        line();
      }
    },
    stop: line,
  };
}
