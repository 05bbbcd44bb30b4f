// Horizontal bar charts in plain text: one line per label, bars scaled to the largest value.
import { terminalSafe } from './terminal-text.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown after the bar instead of the raw value (a percentage, an amount). */
  readonly display?: string;
}

export function renderBarChart(given: readonly Bar[], width = 40): string {
  if (given.length === 0) return '(nothing to chart)';
  const bars = given.map((bar) => ({
    ...bar,
    label: terminalSafe(bar.label),
    ...(bar.display === undefined ? {} : { display: terminalSafe(bar.display) }),
  }));
  const labelWidth = Math.max(...bars.map((bar) => bar.label.length));
  const largest = Math.max(...bars.map((bar) => bar.value), 0);
  return bars
    .map((bar) => {
      const length = largest === 0 ? 0 : Math.round((Math.max(bar.value, 0) / largest) * width);
      const block = '█'.repeat(length) + (length === 0 && bar.value > 0 ? '▏' : '');
      return `${bar.label.padEnd(labelWidth)} │${block} ${bar.display ?? String(bar.value)}`;
    })
    .join('\n');
}
