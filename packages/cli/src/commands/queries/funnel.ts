// `leadline funnel`: how leads move through a workflow's stages, and how long they stay in each.
import { WorkflowId } from '@leadline/domain';
import type { FunnelStage } from 'leadline';
import { noSuchWorkflow } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderBarChart } from '../../output/bar-chart.js';
import { formatDuration, formatRate } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export interface FunnelReport {
  readonly workflowId: string;
  readonly workflowName: string;
  readonly asOf: string;
  readonly stages: readonly FunnelStage[];
}

export async function loadFunnel(
  session: Session,
  options: { workflow?: string; asOf?: string },
): Promise<FunnelReport> {
  const side = await readSide(session, options.asOf);
  try {
    const { actor } = await session.acting();
    // The board knows the organisation's default workflow and the workflow's name.
    const board = await side.queries.pipelineBoard({
      viewer: actor,
      now: side.now,
      leadsPerStage: 0,
      ...(options.workflow === undefined ? {} : { workflowId: WorkflowId(options.workflow) }),
    });
    if (board === null) throw noSuchWorkflow();
    // Through the facade: the funnel covers every lead, so it needs View All Leads.
    const stages = await side.queries.stageFunnel({ viewer: actor, workflowId: board.workflowId });
    return { workflowId: board.workflowId, workflowName: board.workflowName, asOf: side.label, stages };
  } finally {
    await side.close();
  }
}

export function renderFunnel(report: FunnelReport): string {
  const table = renderTable(
    ['stage', 'kind', 'leads reached', 'now in it', 'moved on', 'to next', 'mean time in stage', 'median'],
    report.stages.map((stage) => [
      stage.name,
      stage.category,
      stage.leads,
      stage.current,
      stage.progressed,
      formatRate(stage.conversionToNext),
      formatDuration(stage.meanTimeInStageMs),
      formatDuration(stage.medianTimeInStageMs),
    ]),
  );
  const chart = renderBarChart(report.stages.map((stage) => ({ label: stage.name, value: stage.leads })));
  return [`Funnel — ${report.workflowName} (${report.asOf})`, table, chart].join('\n');
}

export const registerFunnel: Registrar = (program, io) => {
  program
    .command('funnel')
    .description('the stage funnel: leads reaching each stage, conversion to the next, time in stage')
    .option('--workflow <id>', "workflow (default: the organisation's default)")
    .addOption(asOfOption())
    .action(
      withSession<{ workflow?: string; asOf?: string }>(io, async (session, _args, options) => {
        const report = await loadFunnel(session, options);
        session.print(report, () => renderFunnel(report));
      }),
    );
};
