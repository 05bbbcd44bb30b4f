// The read models: each a projector, its tables and its typed queries.
export * from './pipeline-board';
export * from './shared/text';
export type { ClaimState } from './shared/visibility';
