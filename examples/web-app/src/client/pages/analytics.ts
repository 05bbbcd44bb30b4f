// Analytics to look at: leads by source (created, converted, lost), the stage funnel and the time leads
// spend in each stage, as they stand now or as they stood at the end of a chosen day.
import { useMemo, useState } from 'preact/hooks';
import { api, type FunnelStage, type SourcePeriodStats } from '../api.js';
import { BarChart } from '../bar-chart.js';
import { html } from '../html.js';
import { Alert, useLoad } from '../load.js';

const DAY_MS = 86_400_000;
const days = (ms: number): string => (ms / DAY_MS).toFixed(1);

/** Source figures summed over the periods the query returns, one row per source. */
export function bySource(
  stats: readonly SourcePeriodStats[],
): { source: string; created: number; converted: number; lost: number }[] {
  const totals = new Map<string, { source: string; created: number; converted: number; lost: number }>();
  for (const row of stats) {
    const total = totals.get(row.source) ?? { source: row.source, created: 0, converted: 0, lost: 0 };
    totals.set(row.source, {
      source: row.source,
      created: total.created + row.created,
      converted: total.converted + row.converted,
      lost: total.lost + row.lost,
    });
  }
  return [...totals.values()].sort((a, b) => a.source.localeCompare(b.source));
}

function SourceChart({ stats }: { readonly stats: readonly SourcePeriodStats[] }) {
  const sources = useMemo(() => bySource(stats), [stats]);
  const series = useMemo(
    () => [
      { label: 'Created', values: sources.map((row) => row.created), colour: '#4c78a8' },
      { label: 'Converted', values: sources.map((row) => row.converted), colour: '#54a24b' },
      { label: 'Lost', values: sources.map((row) => row.lost), colour: '#e45756' },
    ],
    [sources],
  );
  return html`<${BarChart}
    id="sources"
    title="Leads by source"
    labels=${sources.map((row) => row.source)}
    series=${series}
  />`;
}

function FunnelCharts({ funnel }: { readonly funnel: readonly FunnelStage[] }) {
  const labels = useMemo(() => funnel.map((stage) => stage.name), [funnel]);
  const entered = useMemo(
    () => [
      { label: 'Entered', values: funnel.map((stage) => stage.leads), colour: '#4c78a8' },
      { label: 'There now', values: funnel.map((stage) => stage.current), colour: '#f58518' },
    ],
    [funnel],
  );
  const time = useMemo(
    () => [
      {
        label: 'Median days',
        values: funnel.map((stage) => (stage.medianTimeInStageMs ?? 0) / DAY_MS),
        colour: '#72b7b2',
      },
    ],
    [funnel],
  );
  return html`<${BarChart} id="funnel" title="Stage funnel" labels=${labels} series=${entered} horizontal />
    <${BarChart}
      id="time-in-stage"
      title="Time in stage (median days)"
      labels=${labels}
      series=${time}
      format=${(value: number) => days(value * DAY_MS)}
    />`;
}

export function AnalyticsPage() {
  const [asOf, setAsOf] = useState('');
  // The funnel is per workflow: the default one, as the board names it.
  const board = useLoad(() => api.board({ leadsPerStage: 0 }), []);
  const workflowId = board.data?.workflowId;
  /** The end of the chosen day, UTC: "as of 20 October" includes all of 20 October. */
  const instant = asOf === '' ? undefined : new Date(Date.parse(`${asOf}T00:00:00.000Z`) + DAY_MS - 1).toISOString();
  const sources = useLoad(() => api.sources(instant), [instant]);
  const funnel = useLoad(
    async () => (workflowId === undefined ? null : api.funnel(workflowId, instant)),
    [workflowId, instant],
  );
  return html`<h1>Analytics</h1>
    <label class="as-of"
      >As of
      <input
        type="date"
        name="as-of"
        value=${asOf}
        onChange=${(event: Event) => setAsOf((event.target as HTMLInputElement).value)}
      />
    </label>
    ${asOf === '' ? html`<span class="meta">now</span>` : html`<button type="button" onClick=${() => setAsOf('')}>Now</button>`}
    <${Alert} message=${board.error ?? sources.error ?? funnel.error} />
    <div class="charts" data-as-of=${instant ?? 'now'}>
      ${sources.data === null ? null : html`<${SourceChart} stats=${sources.data} />`}
      ${funnel.data === null ? null : html`<${FunnelCharts} funnel=${funnel.data} />`}
    </div>`;
}
