// The OpenAPI 3.1 document of the API, made from the route table and the same zod schemas the facade
// validates with: a route cannot exist without being described, nor be described otherwise than checked.
import type { PublicRoute } from '../operations/health-routes.js';
import { paramNames, type Route } from '../routes/route.js';
import { jsonSchemaOf, type JsonSchema } from './json-schema.js';

/** Fields the server fills in: the actor (from authenticate) and path parameters (from the path). */
const SERVER_FILLED = new Set(['viewer', 'acting', 'actor']);

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable code: VALIDATION_FAILED, PERMISSION_DENIED, NOT_FOUND…' },
        message: { type: 'string' },
        field: { type: 'string', description: 'The input field the refusal is about.' },
        rule: { type: 'string', description: 'The rule broken: required, length-max:200, current:4…' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
          },
        },
        currentRevision: { type: ['string', 'null'], description: 'On REVISION_MISMATCH: where the lead is now.' },
        errorId: { type: 'string', description: 'On 500 and 503: quote it to the operator.' },
      },
    },
  },
} as const;

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const COMMON_ERRORS = {
  '400': errorResponse('Bad input: the field and the rule broken (every issue in `issues`); nothing written.'),
  '401': errorResponse('No actor: authenticate first.'),
  '403': errorResponse('The actor lacks the permission.'),
  '404': errorResponse('No such thing, or not the actor’s to see (another organisation’s is never shown).'),
  '409': errorResponse('Refused by the state: a claim held, a converted lead, a revision that moved on…'),
  '413': errorResponse('Body larger than the limit.'),
  '415': errorResponse('The body is not of the type the route reads.'),
  '500': errorResponse('The server failed; only an errorId is answered.'),
  '503': errorResponse('The store or read models are unavailable.'),
};

/** `/leads/:leadId` → `/leads/{leadId}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The schema without what the server fills in: the properties named, and their place in `required`. */
function without(schema: JsonSchema, names: ReadonlySet<string>): JsonSchema {
  if (schema.properties === undefined) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !names.has(name))),
    required: (schema.required ?? []).filter((name) => !names.has(name)),
  };
}

function operationOf(route: Route) {
  const params = paramNames(route.path);
  const filled = new Set([...SERVER_FILLED, ...params]);
  const schema = route.schema === null ? null : without(jsonSchemaOf(route.schema), filled);
  const pathParameters = params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const queryParameters =
    (route.input === 'query' || route.input === 'csv') && schema !== null
      ? Object.entries(schema.properties ?? {}).map(([name, property]) => ({
          name,
          in: 'query',
          required: (schema.required ?? []).includes(name),
          schema: property,
          ...(property.type === 'object' ? { style: 'deepObject', explode: true } : {}),
        }))
      : [];
  const headers = [
    ...(route.input === 'body' && route.method !== 'GET'
      ? [
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
        ]
      : []),
    ...(route.entry === 'http.events'
      ? [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+$' } }]
      : []),
  ];
  const body =
    route.input === 'body' && schema !== null
      ? { requestBody: { required: false, content: { 'application/json': { schema } } } }
      : route.input === 'csv'
        ? { requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } } }
        : {};
  return {
    operationId: route.entry,
    summary: route.summary,
    parameters: [...pathParameters, ...queryParameters, ...headers],
    ...body,
    responses: {
      [String(route.status)]: {
        description: 'Done.',
        content:
          route.entry === 'http.events'
            ? { 'text/event-stream': { schema: { type: 'string' } } }
            : { 'application/json': { schema: {} } },
      },
      ...COMMON_ERRORS,
    },
  };
}

export function openApiDocument(
  routes: readonly Route[],
  publicRoutes: readonly PublicRoute[],
  api: { readonly title?: string; readonly version?: string } = {},
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (method: string, path: string, operation: unknown): void => {
    const key = openApiPath(path);
    paths[key] = { ...paths[key], [method.toLowerCase()]: operation };
  };
  for (const route of routes) add(route.method, route.path, operationOf(route));
  for (const route of publicRoutes) {
    add(route.method, route.path, {
      operationId: route.entry,
      summary: route.summary,
      security: [],
      responses: { '200': { description: 'Up.' }, '503': { description: 'Not up, or not ready.' } },
    });
  }
  add('POST', '/forms/:formId', {
    operationId: 'intake.webFormHandler',
    summary: "A web form's submission (urlencoded or JSON): 201, 422 bad fields, 413, 415, 429 rate limited.",
    security: [],
    parameters: [{ name: 'formId', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      '201': { description: 'Received.' },
      '422': { description: 'Bad fields.' },
      '429': { description: 'Too many submissions from this client: retry after Retry-After seconds.' },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: api.title ?? 'Leadline API',
      version: api.version ?? '0.1.0',
      description: 'Sales leads over HTTP: every command and query of the Leadline facade (docs/http.md).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { app: { type: 'http', scheme: 'bearer', description: 'Whatever `authenticate` reads.' } },
    },
    security: [{ app: [] }],
  };
}
