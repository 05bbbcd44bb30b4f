// The workflow every new organisation starts with.
import { StageId } from '../shared/ids.js';
import { StageCategory, type Stage } from '../shared/values.js';

export const DEFAULT_WORKFLOW_NAME = 'Sales pipeline';

const DEFAULT_STAGES = [
  { key: 'NOT_CONTACTED', name: 'Not contacted', category: StageCategory.Open },
  { key: 'CONTACTED', name: 'Contacted', category: StageCategory.Open },
  { key: 'QUALIFIED', name: 'Qualified', category: StageCategory.Open },
  { key: 'CONVERTED', name: 'Converted', category: StageCategory.Won },
  { key: 'LOST', name: 'Lost', category: StageCategory.Lost },
] as const;

export type DefaultStageKey = (typeof DEFAULT_STAGES)[number]['key'];

/**
 * NOT_CONTACTED, CONTACTED, QUALIFIED (open), CONVERTED (won), LOST (lost). Stage ids are unique within a
 * workflow only, so by default each id is its key; pass ids to choose others.
 */
export const defaultWorkflowStages = (stageIds: Partial<Record<DefaultStageKey, StageId>> = {}): Stage[] =>
  DEFAULT_STAGES.map(({ key, name, category }) => ({ stageId: stageIds[key] ?? StageId(key), name, category }));
