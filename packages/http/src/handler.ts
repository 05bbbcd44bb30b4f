// createHttpHandler: the facade as a web-standard Request → Response handler (Node through
// @hono/node-server or node:http, Bun, Deno, edge runtimes). Authenticates, reads the input within its
// limits, calls the facade entry of the route, answers JSON with the status of the outcome, and logs
// and measures every request.
import type { Actor } from '@leadline/domain';
import type { Meter } from '@opentelemetry/api';
import { Hono, type Context } from 'hono';
import type { Acting, Leadline, WebForm } from 'leadline';
import type { Logger } from 'pino';
import { errorAnswer } from './errors/error-answer.js';
import { HttpError, HttpErrorCode, unauthenticated } from './errors/http-error.js';
import { healthRoutes, defaultIsOperator, type ReadinessOptions } from './operations/health-routes.js';
import { defaultLogger, logFailure, logRequest } from './operations/request-log.js';
import { requestMetrics, type RequestMetrics } from './operations/telemetry.js';
import { openApiDocument } from './openapi/openapi.js';
import { readBytes, readJson, requireType } from './request/body.js';
import { etagOf, expectedRevisionOf } from './request/conditional.js';
import { jsonResponse } from './request/json-response.js';
import { queryInput } from './request/query-string.js';
import { apiRoutes } from './routes/index.js';
import type { Answer, Route } from './routes/route.js';

export interface HttpLimits {
  /** The largest JSON body accepted (default 1 MiB); larger is 413. */
  readonly bodyBytes?: number;
  /** The largest CSV file accepted by POST /imports (default 50 MiB). */
  readonly importBytes?: number;
}

export interface HttpHandlerOptions {
  /** Who sends the request (from your session, token or header), or null: 401. */
  authenticate(request: Request): Actor | null | Promise<Actor | null>;
  /** Where the request log goes (default: pino to stdout at info). */
  readonly logger?: Logger;
  /** Where metrics go (default: the OpenTelemetry API's global meter: a no-op until a provider is registered). */
  readonly meter?: Meter;
  readonly limits?: HttpLimits;
  /** Web forms answered at POST /forms/{formId}, each with its own actor, secret and rate limit. */
  readonly forms?: readonly WebForm[];
  /** Who may list and retry parked events (default: system actors with Admin Organisation). */
  readonly isOperator?: (actor: Actor) => boolean;
  readonly readiness?: ReadinessOptions;
  /** How often /events sends a heartbeat comment (default 15 s). */
  readonly heartbeatMs?: number;
  /** The title and version written into /openapi.json. */
  readonly api?: { readonly title?: string; readonly version?: string };
}

export type HttpHandler = (request: Request) => Promise<Response>;

const DEFAULT_BODY_BYTES = 1024 * 1024;
const DEFAULT_IMPORT_BYTES = 50 * 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface Served {
  readonly method: string;
  readonly entry: string;
  readonly route: string;
  readonly started: number;
  readonly requestId: string;
  actor: Actor | null;
}

export function createHttpHandler(leadline: Leadline, options: HttpHandlerOptions): HttpHandler {
  const logger = options.logger ?? defaultLogger();
  const meter: RequestMetrics = requestMetrics(leadline, options.meter);
  const bodyBytes = options.limits?.bodyBytes ?? DEFAULT_BODY_BYTES;
  const importBytes = options.limits?.importBytes ?? DEFAULT_IMPORT_BYTES;
  const routes = apiRoutes({
    isOperator: options.isOperator ?? defaultIsOperator,
    events: options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs },
  });
  const publicRoutes = healthRoutes(options.readiness);
  const forms = new Map((options.forms ?? []).map((form) => [form.formId, leadline.intake.webFormHandler(form)]));
  const app = new Hono();

  /** Logs, measures and stamps the request id on whatever the request ends with. */
  const finish = (served: Served, response: Response, outcome: string): Response => {
    const durationMs = performance.now() - served.started;
    logRequest(logger, {
      requestId: served.requestId,
      actorId: served.actor?.userId ?? null,
      orgId: served.actor?.orgId ?? null,
      command: served.entry,
      method: served.method,
      route: served.route,
      status: response.status,
      outcome,
      durationMs: Math.round(durationMs * 1000) / 1000,
    });
    meter.record(served.entry, outcome, durationMs);
    response.headers.set('x-request-id', served.requestId);
    return response;
  };
  const fail = (served: Served, error: unknown): Response => {
    const answer = errorAnswer(error, () => crypto.randomUUID());
    if (answer.errorId !== null) logFailure(logger, served.requestId, answer.errorId, error);
    return finish(served, jsonResponse(answer.status, answer.body), answer.body.error.code);
  };
  const begin = (c: Context, entry: string, route: string): Served => {
    const given = c.req.header('x-request-id');
    return {
      method: c.req.method,
      entry,
      route,
      started: performance.now(),
      requestId: given !== undefined && REQUEST_ID.test(given) ? given : crypto.randomUUID(),
      actor: null,
    };
  };

  for (const route of publicRoutes) {
    app.on(route.method, route.path, async (c) => {
      const served = begin(c, route.entry, route.path);
      try {
        const { status, body } = await route.handle(leadline);
        return finish(
          served,
          jsonResponse(status, body, { 'cache-control': 'no-store' }),
          status < 500 ? 'ok' : 'unavailable',
        );
      } catch (error) {
        return fail(served, error);
      }
    });
  }

  app.get('/openapi.json', (c) => {
    const served = begin(c, 'http.openapi', '/openapi.json');
    return finish(served, jsonResponse(200, openApiDocument(routes, publicRoutes, options.api)), 'ok');
  });

  // Every method goes to the form's own handler: it answers 405 to anything but POST.
  app.all('/forms/:formId', async (c) => {
    const served = begin(c, 'intake.webFormHandler', '/forms/:formId');
    const form = forms.get(c.req.param('formId'));
    if (form === undefined) return fail(served, noRoute());
    try {
      const response = await form(c.req.raw);
      return finish(served, new Response(response.body, response), response.ok ? 'ok' : `status-${response.status}`);
    } catch (error) {
      return fail(served, error);
    }
  });

  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      const served = begin(c, route.entry, route.path);
      try {
        const actor = await options.authenticate(c.req.raw);
        if (actor === null) throw unauthenticated();
        served.actor = actor;
        const request = c.req.raw;
        const idempotencyKey = request.headers.get('idempotency-key');
        const expectedRevision = expectedRevisionOf(request);
        const acting: Acting = {
          actor,
          ...(idempotencyKey === null ? {} : { idempotencyKey }),
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
        };
        const url = new URL(request.url);
        const answer = await route.handle({
          leadline,
          actor,
          acting,
          params: c.req.param(),
          body: await bodyOf(route, request, bodyBytes, importBytes),
          query: route.input === 'query' || route.input === 'csv' ? queryInput(url.searchParams, route.schema) : {},
          request,
        });
        return finish(served, responseOf(answer), 'ok');
      } catch (error) {
        return fail(served, error);
      }
    });
  }

  app.notFound((c) => fail(begin(c, 'http.none', 'none'), noRoute()));
  app.onError((error, c) => fail(begin(c, 'http.none', 'none'), error));
  return async (request) => app.fetch(request);
}

async function bodyOf(route: Route, request: Request, bodyBytes: number, importBytes: number): Promise<unknown> {
  if (route.input === 'csv') {
    requireType(request, 'text/csv');
    return readBytes(request, importBytes);
  }
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  return readJson(request, bodyBytes);
}

function responseOf(answer: Answer): Response {
  if ('response' in answer) return answer.response;
  const revision = answer.revision ?? null;
  return jsonResponse(answer.status, answer.body, revision === null ? {} : { etag: etagOf(revision) });
}

const noRoute = (): HttpError =>
  new HttpError(HttpErrorCode.NoRoute, 'path', 'known-route', 'No such resource; /openapi.json lists them all.');
