// `leadline workflow …`: list workflows and shape their stages.
import { StageCategory, StageId, WorkflowId, type Stage } from '@leadline/domain';
import { Option } from 'commander';
import type { WorkflowCommandResult } from 'leadline';
import { badInput } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { listWorkflows } from './workflow-list.js';

const CATEGORIES = Object.values(StageCategory);

function printResult(
  session: Session,
  result: { readonly events: readonly { readonly type: string }[] },
  what: string,
): void {
  session.print({ ...result, events: result.events }, () =>
    result.events.length === 0
      ? `${what}: nothing to change`
      : `${what}: ${result.events.map((event) => event.type).join(', ')}`,
  );
}

/** `ID:Name:category`, e.g. `DEMO:Demo booked:open`. */
function parseStage(text: string): Stage {
  const [id, name, category] = text.split(':');
  if (
    id === undefined ||
    id.trim() === '' ||
    name === undefined ||
    name.trim() === '' ||
    !CATEGORIES.some((known) => known === category)
  ) {
    throw badInput(
      'stage',
      'id:name:category',
      `"${text}" is not a stage.`,
      `Write a stage as ID:Name:category with category ${CATEGORIES.join(', ')}, e.g. DEMO:Demo booked:open.`,
    );
  }
  return { stageId: StageId(id.trim()), name: name.trim(), category: category as Stage['category'] };
}

export const registerWorkflowCommands: Registrar = (program, io) => {
  const workflow = program.command('workflow').description('list workflows and shape their stages');
  workflow
    .command('list')
    .description("the organisation's workflows and their stages")
    .action(
      withSession(io, async (session) => {
        const workflows = await listWorkflows(session);
        session.print(workflows, () =>
          workflows.length === 0
            ? 'no workflows yet (the first lead created sets up the default one)'
            : workflows
                .map(
                  (flow) =>
                    `${flow.name} (${flow.workflowId})${flow.isDefault ? ' — default' : ''}\n${renderTable(
                      ['stage id', 'name', 'kind'],
                      flow.stages.map((stage) => [stage.stageId, stage.name, stage.category]),
                    )}`,
                )
                .join('\n'),
        );
      }),
    );
  workflow
    .command('create')
    .description('create a workflow from its stages, in order')
    .argument('<name>', 'workflow name')
    .argument('<stages...>', 'stages as ID:Name:category (category open, won or lost)')
    .option('--id <id>', 'workflow id (default: a new uuid)')
    .action(
      withSession<{ id?: string }>(io, async (session, [name, ...stages], options) => {
        await session.organisation({ create: true });
        const result: WorkflowCommandResult = await session.leadline.workflows.create(
          {
            name: name ?? '',
            stages: stages.flat().map(parseStage),
            ...(options.id === undefined ? {} : { workflowId: WorkflowId(options.id) }),
          },
          await session.acting(),
        );
        printResult(session, result, `workflow ${result.workflowId}`);
      }),
    );
  workflow
    .command('add-stage')
    .description('add a stage')
    .argument('<workflow>', 'workflow id')
    .argument('<stage>', 'ID:Name:category')
    .option('--position <n>', 'zero-based position (default: the end)')
    .action(
      withSession<{ position?: string }>(io, async (session, [workflowId, stage], options) => {
        const position = options.position === undefined ? {} : { position: Number(options.position) };
        if ('position' in position && !Number.isInteger(position.position))
          throw badInput('--position', 'integer', `"${options.position ?? ''}" is not a whole number.`);
        printResult(
          session,
          await session.leadline.workflows.addStage(
            { workflowId: WorkflowId(workflowId ?? ''), stage: parseStage(stage ?? ''), ...position },
            await session.acting(),
          ),
          `workflow ${workflowId ?? ''}`,
        );
      }),
    );
  workflow
    .command('rename-stage')
    .description('rename a stage')
    .argument('<workflow>', 'workflow id')
    .argument('<stage>', 'stage id')
    .argument('<name>', 'new name')
    .action(
      withSession(io, async (session, [workflowId, stageId, name]) => {
        printResult(
          session,
          await session.leadline.workflows.renameStage(
            { workflowId: WorkflowId(workflowId ?? ''), stageId: StageId(stageId ?? ''), name: name ?? '' },
            await session.acting(),
          ),
          `workflow ${workflowId ?? ''}`,
        );
      }),
    );
  workflow
    .command('reorder')
    .description('put the stages in a new order (every stage id, in order)')
    .argument('<workflow>', 'workflow id')
    .argument('<stages...>', 'stage ids in their new order')
    .action(
      withSession(io, async (session, [workflowId, ...order]) => {
        printResult(
          session,
          await session.leadline.workflows.reorderStages(
            { workflowId: WorkflowId(workflowId ?? ''), order: order.flat().map(StageId) },
            await session.acting(),
          ),
          `workflow ${workflowId ?? ''}`,
        );
      }),
    );
  workflow
    .command('remove-stage')
    .description('remove a stage; its leads move to the fallback stage')
    .argument('<workflow>', 'workflow id')
    .argument('<stage>', 'stage id')
    .addOption(new Option('--fallback <stage>', 'where its leads go').makeOptionMandatory())
    .action(
      withSession<{ fallback: string }>(io, async (session, [workflowId, stageId], options) => {
        const removed = await session.leadline.workflows.removeStage(
          {
            workflowId: WorkflowId(workflowId ?? ''),
            stageId: StageId(stageId ?? ''),
            fallbackStageId: StageId(options.fallback),
          },
          await session.acting(),
        );
        // Move the stage's leads now rather than at the next `leadline worker`, so the board shows them at once.
        const { workers } = session.leadline;
        await workers.start({ projections: false, claimExpiry: false, automations: false, retention: false });
        await workers.settled();
        await workers.stop();
        printResult(session, removed, `workflow ${workflowId ?? ''}`);
      }),
    );
  workflow
    .command('set-default')
    .description('make a workflow the one new leads start in')
    .argument('<workflow>', 'workflow id')
    .action(
      withSession(io, async (session, [workflowId]) => {
        printResult(
          session,
          await session.leadline.organisations.setDefaultWorkflow(
            { workflowId: WorkflowId(workflowId ?? '') },
            await session.acting(),
          ),
          'organisation',
        );
      }),
    );
};
