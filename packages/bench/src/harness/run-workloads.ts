// Runs workloads, subject and ceiling alternately, and turns the fastest passes into result rows.
import { collectGarbage } from './collect-garbage.js';
import type { Trial, Workload, WorkloadSettings } from './registry.js';

export interface WorkloadResult {
  readonly name: string;
  readonly store: string;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly ceilingEventsPerSecond: number;
  readonly ratioToCeiling: number;
}

export interface SkippedWorkload {
  readonly name: string;
  readonly reason: string;
}

export interface RunOptions {
  /** Runs before every timed pass; collects garbage by default (tests skip it: a full collection is slow in Jest). */
  readonly beforePass?: () => void;
}

async function timeTrial(
  open: () => Promise<Trial>,
  beforePass: () => void,
): Promise<{ events: number; seconds: number }> {
  const trial = await open();
  try {
    beforePass();
    const started = process.hrtime.bigint();
    const events = await trial.run();
    return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await trial.close();
  }
}

export async function runWorkload(
  workload: Workload,
  settings: WorkloadSettings,
  { beforePass = collectGarbage }: RunOptions = {},
): Promise<WorkloadResult> {
  let seconds = Infinity;
  let ceilingSeconds = Infinity;
  let events = 0;
  // Alternating the sides, and which goes first, spreads the noise of a shared machine over both.
  for (let pass = 0; pass < (workload.repetitions ?? 3); pass++) {
    const ceilingFirst = pass % 2 === 1;
    const early = ceilingFirst ? await timeTrial(() => workload.ceiling(settings), beforePass) : undefined;
    const subject = await timeTrial(() => workload.subject(settings), beforePass);
    const ceiling = early ?? (await timeTrial(() => workload.ceiling(settings), beforePass));
    if (subject.events !== ceiling.events) {
      throw new Error(
        `${workload.name}: our layers handled ${subject.events} events but the ceiling ${ceiling.events}; they must do the same work.`,
      );
    }
    events = subject.events;
    seconds = Math.min(seconds, subject.seconds);
    ceilingSeconds = Math.min(ceilingSeconds, ceiling.seconds);
  }
  return {
    name: workload.name,
    store: workload.store,
    events,
    seconds: round(seconds, 4),
    eventsPerSecond: Math.round(events / seconds),
    ceilingEventsPerSecond: Math.round(events / ceilingSeconds),
    ratioToCeiling: round(ceilingSeconds / seconds, 3),
  };
}

export async function runWorkloads(
  workloads: readonly Workload[],
  settings: WorkloadSettings,
  onResult: (result: WorkloadResult) => void = () => undefined,
  options: RunOptions = {},
): Promise<{ results: WorkloadResult[]; skipped: SkippedWorkload[] }> {
  const results: WorkloadResult[] = [];
  const skipped: SkippedWorkload[] = [];
  for (const workload of workloads) {
    const reason = workload.unavailable?.();
    if (reason !== undefined) {
      skipped.push({ name: workload.name, reason });
      continue;
    }
    const result = await runWorkload(workload, settings, options);
    results.push(result);
    onResult(result);
  }
  return { results, skipped };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
