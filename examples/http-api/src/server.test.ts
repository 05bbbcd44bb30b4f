import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { startService, type RunningService } from './server.js';

/** Keeps the request log out of the test output; the lines are checked in @leadline/http's own tests. */
const quiet = pino(new Writable({ write: (_chunk, _encoding, done) => done() }));
const auth = (token = 'manager-token') => ({ authorization: `Bearer ${token}` });

describe('the HTTP API example', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({ port: 0, logger: quiet });
  });
  afterAll(async () => service.close());

  const form = (body: string, type = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) =>
    fetch(`${service.url}/forms/contact`, { method: 'POST', body, headers: { 'content-type': type, ...headers } });

  it('takes form posts into leads, then finds them by name and as duplicates', async () => {
    const created = await form(
      new URLSearchParams({
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '020 7946 0001',
        message: 'Call me',
      }).toString(),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ status: 'received', reference: expect.any(String) });
    expect(
      (await form(JSON.stringify({ name: 'Bob Byte', email: 'bob@example.com' }), 'application/json')).status,
    ).toBe(201);

    await service.leadline.workers.settled();
    const found = (await (await fetch(`${service.url}/search?name=ada`, { headers: auth() })).json()) as {
      items: { name: string; phone: string }[];
      nextCursor: string | null;
    };
    expect(found.items.map((lead) => [lead.name, lead.phone])).toEqual([['Ada Lovelace', '+442079460001']]);
    expect(found.nextCursor).toBeNull();
    const duplicates = (await (
      await fetch(`${service.url}/duplicates?email=ADA@example.com`, { headers: auth() })
    ).json()) as {
      name: string;
      matchedOn: string[];
    }[];
    expect(duplicates.map((candidate) => [candidate.name, candidate.matchedOn])).toEqual([['Ada Lovelace', ['email']]]);
    const board = (await (await fetch(`${service.url}/board`, { headers: auth() })).json()) as {
      stages: { count: number }[];
    };
    expect(board.stages.reduce((sum, stage) => sum + stage.count, 0)).toBe(2);
  });

  it('refuses bad posts with their status and writes nothing', async () => {
    const head = await service.leadline.store.headPosition();
    const invalid = await form(new URLSearchParams({ name: 'No Contact' }).toString());
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ field: 'email', rule: 'email-or-phone' }] },
    });
    expect((await form(`name=${'x'.repeat(20_000)}`)).status).toBe(413);
    expect((await form('{"name": ', 'application/json')).status).toBe(400);
    expect((await form('name=A', 'text/plain')).status).toBe(415);
    expect((await fetch(`${service.url}/forms/contact`)).status).toBe(405);
    expect(
      (await form(new URLSearchParams({ name: 'Bot', email: 'bot@example.com', website: 'http://spam' }).toString()))
        .status,
    ).toBe(201);
    expect(await service.leadline.store.headPosition()).toBe(head);
    expect((await fetch(`${service.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${service.url}/board`)).status).toBe(401);
    expect((await fetch(`${service.url}/board`, { headers: auth('stolen') })).status).toBe(401);
  });

  it('works a lead over the API: create, claim, and a refusal answered with its code, field and rule', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/leads', {
      fields: { name: 'Cy Clerk', email: 'cy@example.com', source: 'Referral' },
    });
    expect(created.status).toBe(201);
    const { leadId } = (await created.json()) as { leadId: string };
    expect((await post(`/leads/${leadId}/claim`, {}, 'rep-token')).status).toBe(200);
    const held = await post(`/leads/${leadId}/claim`, {});
    expect(held.status).toBe(409);
    expect(await held.json()).toEqual({
      error: { code: 'CLAIM_HELD', field: expect.any(String), rule: expect.any(String), message: expect.any(String) },
    });
    const bad = await post('/leads', { fields: { name: 'No Contact', source: 'Referral' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'email' } });
  });

  it('asks for the shared secret when one is set', async () => {
    const guarded = await startService({ port: 0, formSecret: 'open-sesame', logger: quiet });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${guarded.url}/forms/contact`, {
          method: 'POST',
          body: 'name=Cy&email=cy@example.com',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-leadline-form-secret': 'wrong' })).status).toBe(401);
      expect((await post({ 'x-leadline-form-secret': 'open-sesame' })).status).toBe(201);
    } finally {
      await guarded.close();
    }
  });
});

describe('the HTTP API example under a flood', () => {
  it('limits each client address: the eleventh post at once gets 429 with Retry-After and writes nothing', async () => {
    const service = await startService({ port: 0, logger: quiet });
    try {
      const post = (n: number) =>
        fetch(`${service.url}/forms/contact`, {
          method: 'POST',
          body: new URLSearchParams({ name: `Flood ${n}`, email: `flood${n}@example.com` }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      for (let n = 0; n < 10; n += 1) expect((await post(n)).status).toBe(201);
      const head = await service.leadline.store.headPosition();
      const limited = await post(10);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await service.leadline.store.headPosition()).toBe(head);
    } finally {
      await service.close();
    }
  });
});
