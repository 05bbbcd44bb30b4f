// Timing one query many times: p50 and p99 of the wall time, in milliseconds.

export interface Timing {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The value at quantile q of sorted samples (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export async function time(runs: number, run: () => Promise<unknown>): Promise<Timing> {
  await run(); // warm: statements prepared, pages cached
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { runs, p50Ms: round(quantile(samples, 0.5)), p99Ms: round(quantile(samples, 0.99)) };
}
