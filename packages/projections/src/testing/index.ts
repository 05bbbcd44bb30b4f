// @leadline/projections/testing: realistic histories from the domain's deciders, scripted scenarios,
// feeding and dumping read models, and the conformance suite every read-model store must pass.
export * from './history/index.js';
export * from './scenario.js';
export * from './feed.js';
export * from './conformance.js';
export * from './factory.js';
export * from './query-suites.js';
export * from './plans.js';
export { probeProjector, probeEvent } from './mechanics.js';
export * from './kill-test.js';
export * from './doc-samples.js';
export * from './leased-runners.js';
