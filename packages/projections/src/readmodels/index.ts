// The read models: each a projector, its tables and its typed queries.
import type { Projector } from '../projector/projector.js';
import { claimsProjector } from './claims/index.js';
import { clientsProjector } from './clients/index.js';
import { journeyProjector } from './journey/index.js';
import { leadListProjector } from './lead-list/index.js';
import { leadDetailsProjector } from './lead-details/index.js';
import { pipelineBoardProjector } from './pipeline-board/index.js';
import { searchProjector } from './search/index.js';
import { sourceAnalyticsProjector } from './source-analytics/index.js';
import { stageTransitionsProjector } from './stage-transitions/index.js';

export * from './pipeline-board/index.js';
export * from './source-analytics/index.js';
export * from './journey/index.js';
export * from './stage-transitions/index.js';
export * from './search/index.js';
export * from './claims/index.js';
export * from './lead-list/index.js';
export * from './lead-details/index.js';
export * from './clients/index.js';
export { foldText, phoneDigits } from './shared/text.js';
export type { ClaimState } from './shared/visibility.js';
export { claimHolds, visibleTo } from './shared/visibility-sql.js';
export type { ReadModelDatabase } from './database.js';
export { readModelDb } from './database.js';
export * from './analyst/views.js';
export { canViewRow } from './shared/visibility.js';

/** Every read model Leadline ships, for the runner, rebuild and as-of. */
export const ALL_PROJECTORS: readonly Projector[] = [
  pipelineBoardProjector,
  sourceAnalyticsProjector,
  journeyProjector,
  stageTransitionsProjector,
  searchProjector,
  claimsProjector,
  leadListProjector,
  leadDetailsProjector,
  clientsProjector,
];
