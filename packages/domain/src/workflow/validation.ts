// Rules for stages and workflow names: named, bounded, distinct, and at least one open stage to start in.
import type { Stage } from '../shared/values.js';
import { StageCategory } from '../shared/values.js';
import { issue, type Issues } from '../validation/issues.js';
import { requiredText, TEXT_LIMITS } from '../validation/text.js';

const CATEGORIES: readonly string[] = Object.values(StageCategory);
const STAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export const checkStage = (issues: Issues, field: string, stage: Stage): Stage => {
  if (typeof stage.stageId !== 'string' || !STAGE_ID.test(stage.stageId)) {
    issues.push(
      issue(
        `${field}.stageId`,
        'stage-id-format',
        `A stage id is 1 to 64 letters, digits or _ . : -; got ${JSON.stringify(stage.stageId)}.`,
      ),
    );
  }
  if (!CATEGORIES.includes(stage.category)) {
    issues.push(
      issue(
        `${field}.category`,
        'known-category',
        `A stage category is one of ${CATEGORIES.join(', ')}; got ${JSON.stringify(stage.category)}.`,
      ),
    );
  }
  return {
    stageId: stage.stageId,
    name: requiredText(issues, `${field}.name`, stage.name, TEXT_LIMITS.stageName),
    category: stage.category,
  };
};

/** Stage ids and names (case-insensitively) are distinct; an open stage exists for new leads. */
export const checkStageSet = (issues: Issues, field: string, stages: readonly Stage[]): void => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const stage of stages) {
    if (ids.has(stage.stageId))
      issues.push(issue(field, 'distinct-stage-ids', `Stage id ${stage.stageId} is used twice.`));
    if (names.has(stage.name.toLowerCase()))
      issues.push(issue(field, 'distinct-stage-names', `Stage name "${stage.name}" is used twice.`));
    ids.add(stage.stageId);
    names.add(stage.name.toLowerCase());
  }
  if (!stages.some((stage) => stage.category === StageCategory.Open)) {
    issues.push(
      issue(field, 'open-stage-required', 'A workflow needs at least one open stage for new leads to start in.'),
    );
  }
};
