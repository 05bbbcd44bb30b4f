// `leadline journey LEAD`: one lead's story, step by step, with who did what and when.
import { LeadId } from '@leadline/domain';
import type { JourneyStep } from 'leadline';
import { withSession, type Registrar } from '../../cli/program.js';
import { formatInstant } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from './as-of-option.js';
import { readSide, requireVisibleLead } from './read-side.js';

export interface JourneyReport {
  readonly leadId: string;
  readonly asOf: string;
  readonly steps: readonly JourneyStep[];
}

export async function loadJourney(session: Session, leadId: string, asOf?: string): Promise<JourneyReport> {
  const side = await readSide(session, asOf);
  try {
    await requireVisibleLead(session, LeadId(leadId), side.now);
    const steps = await side.queries.journey({
      viewer: (await session.acting()).actor,
      leadId: LeadId(leadId),
      now: side.now,
    });
    return { leadId, asOf: side.label, steps };
  } finally {
    await side.close();
  }
}

export function renderJourney(report: JourneyReport): string {
  return [
    `Journey of lead ${report.leadId} (${report.asOf})`,
    renderTable(
      ['#', 'when (UTC)', 'who', 'what'],
      report.steps.map((step) => [step.seq, formatInstant(step.occurredAt), step.actorId, step.summary]),
    ),
  ].join('\n');
}

export const registerJourney: Registrar = (program, io) => {
  program
    .command('journey')
    .description("a lead's journey: every step with its time and the person who took it")
    .argument('<lead>', 'lead id')
    .addOption(asOfOption())
    .action(
      withSession<{ asOf?: string }>(io, async (session, [leadId], options) => {
        const report = await loadJourney(session, leadId ?? '', options.asOf);
        session.print(report, () => renderJourney(report));
      }),
    );
};
