// Metrics through the OpenTelemetry API: a no-op until the application registers a MeterProvider.
// Commands by entry and outcome, their latency, and each projection's lag and parked events.
import { metrics, type Meter } from '@opentelemetry/api';
import type { Leadline } from 'leadline';

export interface RequestMetrics {
  record(entry: string, outcome: string, durationMs: number): void;
}

export function requestMetrics(leadline: Leadline, given?: Meter): RequestMetrics {
  const meter = given ?? metrics.getMeter('@leadline/http');
  const commands = meter.createCounter('leadline.commands', {
    description: 'Requests by facade entry (command or query) and outcome (ok or the error code).',
  });
  const duration = meter.createHistogram('leadline.command.duration', {
    description: 'Time from request to answer, by facade entry and outcome.',
    unit: 'ms',
  });
  const lag = meter.createObservableGauge('leadline.projection.lag', {
    description: 'Positions of the event feed a projection has not applied yet.',
  });
  const parked = meter.createObservableGauge('leadline.projection.parked', {
    description: 'Events a projection parked and has not applied since.',
  });
  // One health read per collection serves both gauges.
  meter.addBatchObservableCallback(
    async (observer) => {
      const health = await leadline.health();
      for (const projection of health.projections) {
        observer.observe(lag, Number(projection.lag), { projection: projection.name });
        observer.observe(parked, projection.parked, { projection: projection.name });
      }
    },
    [lag, parked],
  );
  return {
    record(entry, outcome, durationMs) {
      const attributes = { command: entry, outcome };
      commands.add(1, attributes);
      duration.record(durationMs, attributes);
    },
  };
}
