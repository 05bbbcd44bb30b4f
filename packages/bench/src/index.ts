// @leadline/bench: the harness other packages' workload files build on.
export {
  registerWorkload,
  registeredWorkloads,
  type Trial,
  type Workload,
  type WorkloadSettings,
} from './harness/registry.js';
export {
  runWorkload,
  runWorkloads,
  type RunOptions,
  type WorkloadResult,
  type SkippedWorkload,
} from './harness/run-workloads.js';
export { appendWorkload, type AppendWorkloadParts } from './workloads/append.js';
export { loadWorkload, readWorkload, type ReadWorkloadParts } from './workloads/load.js';
export { readAllWorkload } from './workloads/read-all.js';
export {
  commandPlan,
  streamEvents,
  foldLead,
  emptySummary,
  EVENTS_PER_STREAM,
  type Command,
  type CommandPlan,
  type LeadSummary,
} from './workloads/command-plan.js';
export {
  appendCommands,
  fillStore,
  loadStreams,
  readEverything,
  type OpenedStore,
} from './workloads/through-the-port.js';
