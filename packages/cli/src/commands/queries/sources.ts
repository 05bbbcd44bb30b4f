// `leadline sources`: where leads come from and how each source converts, per period, with a bar chart.
import { Option } from 'commander';
import { Period, type SourcePeriodStats } from 'leadline';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderBarChart } from '../../output/bar-chart.js';
import { formatDuration, formatMoney, formatRate } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export interface SourcesReport {
  readonly by: Period;
  readonly asOf: string;
  readonly rows: readonly SourcePeriodStats[];
}

export async function loadSources(session: Session, options: { by: Period; asOf?: string }): Promise<SourcesReport> {
  const side = await readSide(session, options.asOf);
  try {
    const { actor } = await session.acting();
    // Through the facade: organisation-wide figures need View All Leads.
    const rows = await side.queries.sourceAnalytics({ viewer: actor, period: options.by });
    return { by: options.by, asOf: side.label, rows };
  } finally {
    await side.close();
  }
}

/** Totals per source over every period, for the chart. */
function perSource(rows: readonly SourcePeriodStats[]): { source: string; created: number; converted: number }[] {
  const totals = new Map<string, { source: string; created: number; converted: number }>();
  for (const row of rows) {
    const total = totals.get(row.source) ?? { source: row.source, created: 0, converted: 0 };
    total.created += row.created;
    total.converted += row.converted;
    totals.set(row.source, total);
  }
  return [...totals.values()].sort((a, b) => b.created - a.created);
}

export function renderSources(report: SourcesReport): string {
  const table = renderTable(
    [
      'source',
      report.by,
      'created',
      'contacted',
      'qualified',
      'converted',
      'lost',
      'conversion',
      'median to convert',
      'won',
    ],
    report.rows.map((row) => [
      row.source,
      row.period,
      row.created,
      row.contacted,
      row.qualified,
      row.converted,
      row.lost,
      formatRate(row.conversionRate),
      formatDuration(row.medianTimeToConvertMs),
      formatMoney(row.valueWon),
    ]),
  );
  const totals = perSource(report.rows);
  const chart = renderBarChart(
    totals.map((total) => ({
      label: total.source,
      value: total.created,
      display: `${total.created} leads, ${total.converted} converted (${formatRate(total.created === 0 ? null : total.converted / total.created)})`,
    })),
  );
  return [`Sources by ${report.by} (${report.asOf})`, table, '', 'Leads by source', chart].join('\n');
}

export const registerSources: Registrar = (program, io) => {
  program
    .command('sources')
    .description('source analytics: created, contacted, qualified, converted and lost per source and period')
    .addOption(new Option('--by <period>', 'period').choices(Object.values(Period)).default(Period.Week))
    .addOption(asOfOption())
    .action(
      withSession<{ by: Period; asOf?: string }>(io, async (session, _args, options) => {
        const report = await loadSources(session, options);
        session.print(report, () => renderSources(report));
      }),
    );
};
