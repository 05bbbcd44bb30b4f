// A bar chart on Chart.js (only the parts a bar chart needs are registered, so the bundle stays small),
// with its figures in a table beside it for people who would rather read, screen readers, and tests.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
  readonly colour: string;
}

export interface BarChartProps {
  /** Names the chart in the page (`data-chart`) and its accessible label. */
  readonly id: string;
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  readonly horizontal?: boolean;
  readonly format?: (value: number) => string;
}

/** Marks the canvas once Chart.js has drawn it, so a waiting test knows the chart is on screen. */
const markRendered = {
  id: 'markRendered',
  afterRender: (chart: Chart) => {
    chart.canvas.dataset.rendered = 'true';
  },
};

export function BarChart({ id, title, labels, series, horizontal = false, format = String }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: [...labels],
        datasets: series.map((one) => ({ label: one.label, data: [...one.values], backgroundColor: one.colour })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: series.length > 1 } },
      },
      plugins: [markRendered],
    });
    return () => chart.destroy();
  }, [labels, series, horizontal]);
  return html`<figure class="chart" data-chart=${id}>
    <figcaption>${title}</figcaption>
    <div class="canvas-box"><canvas ref=${canvas} role="img" aria-label=${title}></canvas></div>
    <details>
      <summary>Figures</summary>
      <table>
        <thead>
          <tr>
            <th></th>
            ${series.map((one) => html`<th>${one.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${labels.map(
            (label, row) =>
              html`<tr data-label=${label}>
                <th>${label}</th>
                ${series.map((one) => html`<td data-series=${one.label}>${format(one.values[row] ?? 0)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}
