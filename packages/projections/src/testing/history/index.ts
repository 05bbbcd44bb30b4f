// @leadline/projections/histories: realistic lead histories decided by the domain's own deciders, for
// tests, benchmarks and demos. No test framework is loaded from here.
export * from './steps.js';
export { mulberry32 } from '../../random/mulberry32.js';
export { generateHistory, generateSeededHistory, HISTORY_START, runStep, setUpWorld } from './interpreter.js';
export { managerActor, repActor, REPS, MANAGER, World, WORLD_ORGS, workflowIdOf } from './world.js';
export { appendHistory } from '../event-store.js';
export {
  appendScaleHistory,
  scaleStreams,
  SCALE_NOW,
  SCALE_OWNERS,
  SCALE_SOURCES,
  type ScaleOptions,
  type ScaleSummary,
  type SeededStream,
} from './scale.js';
export { stallingProjector, STALLED_MARKER } from './stalling.js';
export { applyCountingProjector, eventAppliesTable } from './apply-counter.js';

// The plan tests' hot queries, for the benchmarks too (no test framework needed).
export {
  captureQueries,
  HOT_QUERIES,
  hotQueries,
  hotQueryContext,
  seedForPlans,
  type HotQuery,
  type HotQueryContext,
} from '../plans.js';
