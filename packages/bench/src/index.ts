// @leadline/bench: the harness other packages' workload files build on.
export {
  registerWorkload,
  registeredWorkloads,
  type Trial,
  type Workload,
  type WorkloadSettings,
} from './harness/registry';
export {
  runWorkload,
  runWorkloads,
  type RunOptions,
  type WorkloadResult,
  type SkippedWorkload,
} from './harness/run-workloads';
export { appendWorkload, type AppendWorkloadParts } from './workloads/append';
export { loadWorkload, readWorkload, type ReadWorkloadParts } from './workloads/load';
export { readAllWorkload } from './workloads/read-all';
export {
  commandPlan,
  streamEvents,
  foldLead,
  emptySummary,
  EVENTS_PER_STREAM,
  type Command,
  type CommandPlan,
  type LeadSummary,
} from './workloads/command-plan';
export { appendCommands, fillStore, loadStreams, readEverything, type OpenedStore } from './workloads/through-the-port';
