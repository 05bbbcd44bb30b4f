// The read models: each a projector, its tables and its typed queries.
import type { Projector } from '../projector/projector';
import { claimsProjector } from './claims';
import { journeyProjector } from './journey';
import { pipelineBoardProjector } from './pipeline-board';
import { searchProjector } from './search';
import { sourceAnalyticsProjector } from './source-analytics';
import { stageTransitionsProjector } from './stage-transitions';

export * from './pipeline-board';
export * from './source-analytics';
export * from './journey';
export * from './stage-transitions';
export * from './search';
export * from './claims';
export { foldText, phoneDigits } from './shared/text';
export type { ClaimState } from './shared/visibility';

/** Every read model Leadline ships, for the runner, rebuild and as-of. */
export const ALL_PROJECTORS: readonly Projector[] = [
  pipelineBoardProjector,
  sourceAnalyticsProjector,
  journeyProjector,
  stageTransitionsProjector,
  searchProjector,
  claimsProjector,
];
