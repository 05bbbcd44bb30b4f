// `leadline pipeline`: the board of a workflow, stage by stage, with counts, value and the next leads.
import { ClientId, WorkflowId } from '@leadline/domain';
import type { PipelineBoard } from 'leadline';
import { noSuchWorkflow } from '../../cli/cli-error.js';
import { parsePositiveInteger } from '../../cli/parse.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { formatInstant, formatMoney } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export async function loadPipeline(
  session: Session,
  options: { asOf?: string; workflow?: string; leads?: number; client?: string },
): Promise<PipelineBoard & { readonly asOf: string }> {
  const side = await readSide(session, options.asOf);
  try {
    const board = await side.queries.pipelineBoard({
      viewer: (await session.acting()).actor,
      now: side.now,
      leadsPerStage: options.leads ?? 3,
      ...(options.workflow === undefined ? {} : { workflowId: WorkflowId(options.workflow) }),
      ...(options.client === undefined ? {} : { filters: { clientId: ClientId(options.client) } }),
    });
    if (board === null) throw noSuchWorkflow();
    return { ...board, asOf: side.label };
  } finally {
    await side.close();
  }
}

export function renderPipeline(board: PipelineBoard & { readonly asOf: string }): string {
  const rows = board.stages.map((stage) => [
    stage.name,
    stage.category,
    stage.count,
    formatMoney(stage.value),
    stage.leads
      .map(
        (lead) =>
          `${lead.name}${lead.ownerId === null ? '' : ` (${lead.ownerId})`}${lead.nextCallAt === null ? '' : ` ☎ ${formatInstant(lead.nextCallAt)}`}`,
      )
      .join('\n'),
  ]);
  return [
    `Pipeline board — ${board.workflowName} (${board.asOf})`,
    renderTable(['stage', 'kind', 'leads', 'value', 'next up'], rows),
    `${board.count} leads, ${formatMoney(board.value)}`,
  ].join('\n');
}

export const registerPipeline: Registrar = (program, io) => {
  program
    .command('pipeline')
    .description('the pipeline board: leads per stage, value, and who to call next')
    .option('--workflow <id>', "workflow (default: the organisation's default)")
    .option('--leads <n>', 'leads listed per stage', '3')
    .option('--client <id>', "only the client's leads (converted into or linked to it)")
    .addOption(asOfOption())
    .action(
      withSession<{ workflow?: string; leads: string; asOf?: string; client?: string }>(
        io,
        async (session, _args, options) => {
          const board = await loadPipeline(session, {
            ...options,
            leads: parsePositiveInteger(options.leads, '--leads'),
          });
          session.print(board, () => renderPipeline(board));
        },
      ),
    );
};
