// Live updates over a real node:http server (@hono/node-server) read with a streaming fetch.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { json, manager, openTestApi, outsider, rep1, type TestApi } from '../test-support/api.js';

interface ServerSentEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: Record<string, string>;
}

/** Reads server-sent events from a streaming response until `enough` says stop. */
async function readEvents(
  response: Response,
  enough: (events: readonly ServerSentEvent[]) => boolean,
): Promise<ServerSentEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  while (!enough(events)) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const fields = new Map<string, string>();
      for (const line of frame.split('\n')) {
        if (line.startsWith(':') || !line.includes(':')) continue;
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      if (!fields.has('event')) continue;
      events.push({
        id: fields.get('id') ?? null,
        event: fields.get('event') ?? '',
        data: JSON.parse(fields.get('data') ?? '{}') as Record<string, string>,
      });
    }
  }
  await reader.cancel();
  return events;
}

describe('live updates at /events', () => {
  let api: TestApi;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    api = await openTestApi({ events: { heartbeatMs: 50 } });
    server = serve({ fetch: api.handler, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
  });

  const follow = (actor: { userId: string }, headers: Record<string, string> = {}, query = '') =>
    fetch(`${base}/events${query}`, { headers: { 'x-test-user': actor.userId, ...headers } });

  it("streams the organisation's new leads and board moves, with positions as ids, and nothing of another's", async () => {
    const watching = await follow(manager);
    expect(watching.status).toBe(200);
    expect(watching.headers.get('content-type')).toContain('text/event-stream');
    const theirs = await api.call(outsider, 'POST', '/leads', {
      fields: { name: 'Globex Lead', email: 'g@globex.example' },
    });
    expect(theirs.status).toBe(201);
    const created = await json(
      await api.call(manager, 'POST', '/leads', {
        fields: { name: 'Ada Lovelace', email: 'ada@example.com', source: 'Website' },
      }),
    );
    const leadId = created['leadId'] as string;
    const board = await json(await api.call(manager, 'GET', '/board'));
    const next = (board['stages'] as { stageId: string }[])[1]?.stageId ?? '';
    await api.call(manager, 'POST', `/leads/${leadId}/stage`, { stageId: next });

    const events = (await readEvents(watching, (seen) => seen.some((e) => e.event === 'StageChanged'))).filter(
      (e) => e.event !== 'caught-up',
    );
    expect(events.map((e) => e.event)).toEqual(['LeadCreated', 'StageChanged']);
    expect(events[0]?.data).toMatchObject({ leadId, type: 'LeadCreated' });
    expect(events[1]?.data).toMatchObject({ leadId, to: next });
    expect(events.every((e) => e.id === e.data['position'])).toBe(true);
    // The notice went out once the read models applied the move: a refetch on it shows the lead there.
    const after = await json(await api.call(manager, 'GET', `/board?filters.stageId=${next}`));
    expect(after['count']).toBe(1);
    const text = JSON.stringify(events);
    expect(text).not.toContain('Ada');
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('Globex');

    // A reconnection with Last-Event-ID resumes after it: the stage move again, nothing before it.
    const resumed = await follow(manager, { 'last-event-id': events[0]?.id ?? '' });
    const again = await readEvents(resumed, (seen) => seen.some((e) => e.event === 'StageChanged'));
    expect(again.filter((e) => e.event !== 'caught-up').map((e) => e.event)).toEqual(['StageChanged']);
  });

  it("never sends another organisation's events, even replayed from the start", async () => {
    const replay = await follow(outsider, {}, '?after=0');
    const events = await readEvents(replay, (seen) => seen.some((e) => e.event === 'caught-up'));
    const mine = events.filter((e) => e.event !== 'caught-up');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((e) => e.event)).not.toContain('StageChanged');
    // The other organisation's lead by its values: a bare 'ada' also matched random hex ids (1ada73bc-…).
    const text = JSON.stringify(mine);
    expect(text).not.toContain('Ada Lovelace');
    expect(text).not.toContain('ada@example.com');
    // Globex's one person wrote every event it sees: none of Acme's.
    expect(mine.every((e) => e.data['actorId'] === outsider.userId)).toBe(true);
  });

  it('tells a viewer without View All Leads only that something changed', async () => {
    const watching = await follow(rep1, {}, '?after=0');
    const events = await readEvents(watching, (seen) => seen.some((e) => e.event === 'caught-up'));
    const changes = events.filter((e) => e.event !== 'caught-up');
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(Object.keys(change.data).sort()).toEqual(['occurredAt', 'position', 'type']);
  });

  it('sends a notice only once the read models of this process applied its event', async () => {
    await api.leadline.workers.stop();
    const watching = await follow(manager);
    /** The projections' position each time the reader looked, once the notice was there. */
    const positionsAtNotice: bigint[] = [];
    const reading = readEvents(watching, (seen) => {
      const notice = seen.find((e) => e.event === 'LeadCreated');
      if (notice !== undefined) positionsAtNotice.push(api.leadline.workers.projections?.position() ?? -1n);
      return notice !== undefined;
    });
    await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Grace Hopper', email: 'grace@example.com', source: 'Fair' },
    });
    // With the projections stopped the event is stored but not in the read models: no notice yet.
    const early = await Promise.race([
      reading.then(() => 'notice'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
    ]);
    expect(early).toBe('waiting');
    await api.leadline.workers.start();
    const events = await reading;
    const notice = events.find((e) => e.event === 'LeadCreated');
    expect(positionsAtNotice.length).toBeGreaterThan(0);
    expect((positionsAtNotice[0] ?? -1n) >= BigInt(notice?.id ?? '0')).toBe(true);
  });

  it('refuses a malformed Last-Event-ID and a request without an actor', async () => {
    expect((await follow(manager, { 'last-event-id': 'yesterday' })).status).toBe(400);
    expect((await fetch(`${base}/events`)).status).toBe(401);
  });
});
