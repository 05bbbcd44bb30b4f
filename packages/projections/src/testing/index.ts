// @leadline/projections/testing: realistic histories from the domain's deciders, scripted scenarios,
// feeding and dumping read models, and the conformance suite every read-model store must pass.
export * from './history/steps';
export { generateHistory, generateSeededHistory, HISTORY_START } from './history/interpreter';
export { managerActor, repActor, REPS, MANAGER, WORLD_ORGS, workflowIdOf } from './history/world';
export * from './scenario';
export * from './feed';
export * from './event-store';
export * from './conformance';
export { probeProjector, probeEvent } from './mechanics';
