// @leadline/projections/histories: realistic lead histories decided by the domain's own deciders, for
// tests, benchmarks and demos. No test framework is loaded from here.
export * from './steps';
export { mulberry32 } from './mulberry32';
export { generateHistory, generateSeededHistory, HISTORY_START, runStep, setUpWorld } from './interpreter';
export { managerActor, repActor, REPS, MANAGER, World, WORLD_ORGS, workflowIdOf } from './world';
export { appendHistory } from '../event-store';
export { stallingProjector, STALLED_MARKER } from './stalling';
