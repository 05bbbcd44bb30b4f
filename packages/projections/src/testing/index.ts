// @leadline/projections/testing: realistic histories from the domain's deciders, scripted scenarios,
// feeding and dumping read models, and the conformance suite every read-model store must pass.
export * from './history';
export * from './scenario';
export * from './feed';
export * from './conformance';
export { probeProjector, probeEvent } from './mechanics';
export * from './kill-test';
export * from './doc-samples';
