// Operations: the request log (nothing personal at info), metrics through OpenTelemetry, /health and
// /ready, and what a failure of the server answers (an error id, nothing else).
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { json, manager, openTestApi, type TestApi } from '../test-support/api.js';

describe('operations', () => {
  let api: TestApi | undefined;
  afterEach(async () => api?.close());

  it('logs one line per request with request id, actor, command, outcome and duration; no name or email at info', async () => {
    api = await openTestApi();
    const created = await api.call(
      manager,
      'POST',
      '/leads',
      { fields: { name: 'Ada Lovelace', email: 'ada@example.com', source: 'Website', notes: 'likes engines' } },
      { 'x-request-id': 'req-1' },
    );
    expect(created.headers.get('x-request-id')).toBe('req-1');
    await api.call(manager, 'GET', '/search?text=Lovelace');
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Ada Lovelace', email: 'not-an-email' } });
    const info = api.logs.filter((line) => line['level'] === 30);
    expect(info).toHaveLength(3);
    expect(info[0]).toMatchObject({
      requestId: 'req-1',
      actorId: manager.userId,
      orgId: manager.orgId,
      command: 'leads.create',
      method: 'POST',
      route: '/leads',
      status: 201,
      outcome: 'ok',
      durationMs: expect.any(Number),
    });
    expect(info[1]).toMatchObject({ command: 'queries.searchLeads', route: '/search', outcome: 'ok' });
    expect(info[2]).toMatchObject({ command: 'leads.create', status: 400, outcome: 'VALIDATION_FAILED' });
    const text = JSON.stringify(api.logs);
    for (const personal of ['Ada', 'Lovelace', 'ada@example.com', 'not-an-email', 'engines']) {
      expect(text).not.toContain(personal);
    }
  });

  it('answers a failure of the server with an error id only, and logs the failure under that id', async () => {
    api = await openTestApi({
      authenticate: () => {
        throw new Error('connection to auth-db at 10.0.0.7 refused (password=hunter2)');
      },
    });
    const failed = await api.call(manager, 'GET', '/board');
    expect(failed.status).toBe(500);
    const body = await json(failed);
    expect(Object.keys(body.error ?? {}).sort()).toEqual(['code', 'errorId', 'message']);
    expect(body.error).toMatchObject({ code: 'INTERNAL' });
    const answered = JSON.stringify(body);
    expect(answered).not.toContain('10.0.0.7');
    expect(answered).not.toContain('hunter2');
    expect(answered).not.toContain('at ');
    const logged = api.logs.find((line) => line['errorId'] === body.error?.['errorId']);
    expect(logged).toMatchObject({ level: 50, err: { message: expect.stringContaining('refused') } });
  });

  it('counts commands by type and outcome, times them and gauges projection lag through the OpenTelemetry API', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ readers: [reader] });
    api = await openTestApi({ meter: provider.getMeter('test') });
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Ada', email: 'ada@example.com', source: 'Fair' } });
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Bob' } });
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Cy', email: 'cy@example.com', source: 'Fair' } });
    await reader.forceFlush();
    const metrics = exporter
      .getMetrics()
      .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics));
    const byName = new Map(metrics.map((metric) => [metric.descriptor.name, metric]));
    const commands = byName.get('leadline.commands');
    const counts = Object.fromEntries(
      (commands?.dataPoints ?? []).map((point) => [
        `${String(point.attributes['command'])} ${String(point.attributes['outcome'])}`,
        point.value,
      ]),
    );
    expect(counts).toEqual({ 'leads.create ok': 2, 'leads.create VALIDATION_FAILED': 1 });
    const duration = byName.get('leadline.command.duration');
    expect(duration?.descriptor.unit).toBe('ms');
    expect(duration?.dataPoints.map((point) => (point.value as { count: number }).count).sort()).toEqual([1, 2]);
    const lag = byName.get('leadline.projection.lag');
    const projections = (await api.leadline.health()).projections.map((projection) => projection.name);
    expect(lag?.dataPoints.map((point) => point.attributes['projection']).sort()).toEqual([...projections].sort());
    await provider.shutdown();
  });

  it('is a no-op without a meter provider', async () => {
    api = await openTestApi();
    expect((await api.call(manager, 'GET', '/health')).status).toBe(200);
  });

  it('reports health and readiness without an actor: projections, lag, parked events', async () => {
    api = await openTestApi();
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Ada', email: 'ada@example.com', source: 'Fair' } });
    await api.leadline.workers.settled();
    const health = await api.call(null, 'GET', '/health');
    expect(health.status).toBe(200);
    const body = await json(health);
    expect(body).toMatchObject({ status: 'ok', parkedReactorEvents: 0, projectionsStopped: null });
    const projections = body['projections'] as { name: string; lag: string; parked: number }[];
    expect(projections.length).toBeGreaterThan(3);
    expect(projections.every((projection) => projection.lag === '0' && projection.parked === 0)).toBe(true);
    const ready = await api.call(null, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toMatchObject({ ready: true, lagging: [] });
  });

  it('is not ready while projections lag more than the limit, and unavailable once the store is gone', async () => {
    api = await openTestApi({ readiness: { maxLag: 0 } });
    await api.leadline.workers.stop();
    await api.call(manager, 'POST', '/leads', { fields: { name: 'Ada', email: 'ada@example.com', source: 'Fair' } });
    const lagging = await api.call(null, 'GET', '/ready');
    expect(lagging.status).toBe(503);
    expect((await json(lagging))['lagging']).not.toEqual([]);
    await api.leadline.close();
    expect((await api.call(null, 'GET', '/health')).status).toBe(503);
    expect((await api.call(null, 'GET', '/ready')).status).toBe(503);
    // The read models' driver fails with an error of its own (no stable code): unexpected, so 500.
    const closed = await api.call(manager, 'GET', '/board');
    expect(closed.status).toBe(500);
    expect(Object.keys((await json(closed)).error ?? {}).sort()).toEqual(['code', 'errorId', 'message']);
  });
});
