// /health and /ready for probes (no actor needed, nothing personal in them), and the parked
// projection events for operators (they hold event data of every organisation).
import { hasPermission, Permission, PermissionDeniedError, type Actor } from '@leadline/domain';
import { parseInput, type Leadline, type LeadlineHealth } from 'leadline';
import * as z from 'zod';
import { command, type Route } from '../routes/route.js';

export interface PublicRoute {
  readonly method: 'GET';
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  handle(leadline: Leadline): Promise<{ readonly status: number; readonly body: unknown }>;
}

export interface ReadinessOptions {
  /** Ready only while every projection is at most this many positions behind the head (default 10 000). */
  readonly maxLag?: number;
}

/** The facade's health without the failure's message (it may carry a database's internals). */
function healthBody(health: LeadlineHealth) {
  return {
    status: health.healthy ? 'ok' : 'degraded',
    head: String(health.head),
    projections: health.projections.map(({ name, version, checkpoint, lag, parked }) => ({
      name,
      version,
      checkpoint: checkpoint === null ? null : String(checkpoint),
      lag: String(lag),
      parked,
    })),
    projectionsStopped:
      health.projectionsFailure === null
        ? null
        : { name: health.projectionsFailure.name, code: health.projectionsFailure.code },
    parkedReactorEvents: health.parkedReactorEvents,
  };
}

const UNREACHABLE = { status: 'unavailable', reason: 'the event store or read models did not answer' };

export function healthRoutes(options: ReadinessOptions = {}): readonly PublicRoute[] {
  const maxLag = BigInt(options.maxLag ?? 10_000);
  return [
    {
      method: 'GET',
      path: '/health',
      entry: 'health',
      summary: "Liveness and detail: the store's head, each projection's checkpoint, lag and parked events.",
      async handle(leadline) {
        try {
          return { status: 200, body: healthBody(await leadline.health()) };
        } catch {
          return { status: 503, body: UNREACHABLE };
        }
      },
    },
    {
      method: 'GET',
      path: '/ready',
      entry: 'http.ready',
      summary: 'Readiness: 200 when the store answers, projections follow it and none lags too far; else 503.',
      async handle(leadline) {
        let health: LeadlineHealth;
        try {
          health = await leadline.health();
        } catch {
          return { status: 503, body: { ready: false, ...UNREACHABLE } };
        }
        const lagging = health.projections.filter((projection) => projection.lag > maxLag).map(({ name }) => name);
        const ready = health.projectionsFailure === null && lagging.length === 0;
        return {
          status: ready ? 200 : 503,
          body: { ready, lagging, projectionsStopped: health.projectionsFailure !== null, maxLag: String(maxLag) },
        };
      },
    },
  ];
}

/** Parked events hold data of every organisation: operators only (system actors unless the app says). */
export function requireOperator(actor: Actor, isOperator: (actor: Actor) => boolean): void {
  if (isOperator(actor)) return;
  throw new PermissionDeniedError({
    field: 'actor',
    rule: 'operator',
    message: 'Only an operator may see or retry parked events.',
  });
}

export const defaultIsOperator = (actor: Actor): boolean =>
  actor.kind === 'system' && hasPermission(actor, Permission.AdminOrganisation);

const ParkedFilterSchema = z.strictObject({ projector: z.string().max(200).optional() });
const RetryFilterSchema = z.strictObject({
  projector: z.string().max(200).optional(),
  eventId: z.string().max(200).optional(),
});

export function parkedRoutes(isOperator: (actor: Actor) => boolean): readonly Route[] {
  return [
    {
      method: 'GET',
      path: '/projections/parked',
      entry: 'projections.parked',
      summary: 'Events a projector could not apply, oldest first (operators only).',
      schema: ParkedFilterSchema,
      input: 'query',
      status: 200,
      async handle({ leadline, actor, query }) {
        requireOperator(actor, isOperator);
        return { status: 200, body: await leadline.projections.parked(parseInput(ParkedFilterSchema, query, '')) };
      },
    },
    command({
      method: 'POST',
      path: '/projections/parked/retry',
      entry: 'projections.retryParked',
      summary: 'Apply parked events again after a fix (operators only).',
      schema: RetryFilterSchema,
      run: async (leadline, filter, acting) => {
        requireOperator(acting.actor, isOperator);
        return leadline.projections.retryParked(filter);
      },
    }),
  ];
}
