// Arbitrary requests to every route: each is answered with a status below 500 and, when refused, a
// typed error naming its code; nothing another organisation holds is ever answered.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { json, manager, openTestApi, outsider, rep1, type TestApi } from '../test-support/api.js';
import { apiRoutes } from './index.js';

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('\u0000', 'a b/c', '-1', '1e400', 'x'.repeat(300)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('name', 'leadId', 'stageId', 'details', 'fields', 'email', 'x'),
    fc.string({ maxLength: 8 }),
  ),
);
const body = fc.oneof(
  junk,
  fc.dictionary(
    fc.constantFrom(
      'details',
      'changes',
      'fields',
      'stageId',
      'reason',
      'ownerId',
      'leadIds',
      'target',
      'name',
      'stages',
      'at',
    ),
    junk,
  ),
);
const queryString = fc
  .dictionary(
    fc.constantFrom('limit', 'after', 'text', 'workflowId', 'period', 'now', 'filters.source', 'from'),
    fc.string({ maxLength: 12 }),
  )
  .map((entries) => new URLSearchParams(entries).toString());

describe('every route under arbitrary input', () => {
  let api: TestApi;
  let secretLead: string;
  beforeAll(async () => {
    api = await openTestApi({ events: { heartbeatMs: 10 } });
    const created = await api.call(outsider, 'POST', '/leads', {
      fields: { name: 'Globex Secret', email: 'secret@globex.example' },
    });
    secretLead = (await json(created))['leadId'] as string;
  });
  afterAll(async () => api.close());
  const routes = apiRoutes({ isOperator: () => false }).filter((route) => route.entry !== 'http.events');

  it('answers each with a typed refusal or a result, never a 500, never another organisation’s data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(manager, rep1),
        body,
        queryString,
        fc.constantFrom('l-1', 'a%20b', secretLead),
        async (route, actor, given, query, id) => {
          const path = route.path.replace(/:(\w+)/g, (_match, name: string) => (name === 'leadId' ? id : 'w-1'));
          const hasBody = route.method !== 'GET';
          const response = await api.call(
            actor,
            route.method,
            `${path}?${query}`,
            hasBody ? JSON.stringify(given) : undefined,
          );
          expect(response.status).toBeLessThan(500);
          const text = await response.text();
          expect(text).not.toContain('Globex Secret');
          expect(text).not.toContain('secret@globex');
          if (response.status >= 400)
            expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
