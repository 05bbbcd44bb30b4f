// Every command and query of the facade has a route: a new facade entry without one fails here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openTestApi, type TestApi } from '../test-support/api.js';
import { apiRoutes } from './index.js';
import { openApiDocument, openApiPath } from '../openapi/openapi.js';
import { healthRoutes } from '../operations/health-routes.js';

/** Members of the facade that are not commands or queries a remote caller sends, and why. */
const NOT_OVER_HTTP: Readonly<Record<string, string>> = {
  close: 'the application closes its own Leadline',
  queriesOn: 'reads another read side in process (as-of replays)',
  automations: 'reactors run user code in the process',
  workers: 'background workers are started and stopped by the process',
  store: 'the event store itself, not an entry',
  readModels: 'the read-model store itself, not an entry',
};

/** `leads.create`, `intake.rules.get`, `health`: every function reachable from the facade, by path. */
function entriesOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, member]: [string, unknown]) => {
    const name = `${prefix}${key}`;
    if (prefix === '' && key in NOT_OVER_HTTP) return [];
    if (typeof member === 'function') return [name];
    if (typeof member === 'object' && member !== null) return entriesOf(member, `${name}.`);
    return [];
  });
}

describe('the route table', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  });
  afterAll(async () => api.close());
  const routes = apiRoutes({ isOperator: () => false });
  const served = new Set([
    ...routes.map((route) => route.entry),
    ...healthRoutes().map((route) => route.entry),
    'intake.webFormHandler',
  ]);

  it('has a route for every command and query of the facade', () => {
    const entries = entriesOf(api.leadline);
    expect(entries.length).toBeGreaterThan(50);
    expect(entries.filter((entry) => !served.has(entry))).toEqual([]);
  });

  it('names each route once, by method and path', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('describes every route in an OpenAPI 3.1 document, with its parameters and request body', () => {
    const document = openApiDocument(routes, healthRoutes());
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const operationIds: string[] = [];
    for (const route of routes) {
      const path = openApiPath(route.path);
      const operation = document.paths[path]?.[route.method.toLowerCase()] as
        | {
            operationId: string;
            parameters: { name: string; in: string; required: boolean; schema: object }[];
            requestBody?: { content: Record<string, { schema: { type?: string; properties?: object } }> };
            responses: Record<string, unknown>;
          }
        | undefined;
      expect(operation).toBeDefined();
      if (operation === undefined) continue;
      operationIds.push(operation.operationId);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([String(route.status), '400', '500']));
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inPath);
      for (const parameter of operation.parameters) {
        expect(['path', 'query', 'header']).toContain(parameter.in);
        expect(typeof parameter.schema).toBe('object');
        // The actor is never a parameter: it comes from authenticate.
        expect(['viewer', 'acting', 'actor']).not.toContain(parameter.name);
      }
      if (route.input === 'body' && route.schema !== null) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        expect(schema).toBeDefined();
        for (const name of inPath) expect(Object.keys(schema?.properties ?? {})).not.toContain(name);
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(document.paths['/health']).toBeDefined();
    expect(JSON.stringify(document)).not.toContain('"viewer"');
  });

  it('serves the document at /openapi.json', async () => {
    const response = await api.handler(new Request('http://leadline.test/openapi.json'));
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/leads/{leadId}/stage');
    const create = (
      document.paths['/leads'] as {
        post: {
          requestBody: {
            content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }>;
          };
        };
      }
    ).post;
    const schema = create.requestBody.content['application/json']?.schema;
    expect(schema?.required).toEqual(['fields']);
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['fields', 'workflowId', 'ownerId']));
  });
});
