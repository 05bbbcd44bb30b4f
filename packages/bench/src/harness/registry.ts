// The workload registry: every workload file registers its workloads here when it is loaded.

/** One measured pass: prepared outside the clock, `run` timed, `close` after. */
export interface Trial {
  /** Does the work once and returns how many events it handled. */
  run(): Promise<number>;
  close(): Promise<void>;
}

export interface WorkloadSettings {
  /** Events per workload (default 100,000: 10,000 streams of 10). */
  readonly events: number;
}

export interface Workload {
  /** `<family>.<store>`, e.g. `append.sqlite`. */
  readonly name: string;
  /** The store measured; a note in parentheses may follow its name, e.g. `eventstoredb (stand-in)`. */
  readonly store: string;
  /** The work through our layers (an EventStore). */
  subject(settings: WorkloadSettings): Promise<Trial>;
  /** The same work by the simplest raw code on the same engine, in the same run. */
  ceiling(settings: WorkloadSettings): Promise<Trial>;
  /** Why the workload cannot run here (e.g. no database configured), or undefined when it can. */
  unavailable?(): string | undefined;
  /** Timed passes of each side; the fastest counts. Defaults to 3. */
  readonly repetitions?: number;
}

const workloads = new Map<string, Workload>();

export function registerWorkload(workload: Workload): void {
  if (workloads.has(workload.name)) throw new Error(`A workload named ${workload.name} is already registered.`);
  const storeName = workload.store.replace(/ \(.+\)$/, '');
  if (!workload.name.endsWith(`.${storeName}`))
    throw new Error(`Workload ${workload.name} must be named <family>.${storeName}.`);
  workloads.set(workload.name, workload);
}

/** Registered workloads in name order, those starting with `prefix` when given. */
export function registeredWorkloads(prefix = ''): Workload[] {
  return [...workloads.values()]
    .filter((workload) => workload.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
}
