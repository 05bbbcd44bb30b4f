// A route of the API: method, path, the facade entry it reaches, the schema its input is parsed with
// (the facade's own: the same one gives the OpenAPI document) and how it calls the facade.
import { DomainError, DomainErrorCode, type Actor } from '@leadline/domain';
import { parseInput, type Acting, type Leadline } from 'leadline';
import type * as z from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route is given: the facade, who acts, and the request's parts. */
export interface RouteCall {
  readonly leadline: Leadline;
  readonly actor: Actor;
  /** The actor with the request's Idempotency-Key and If-Match (as an expected revision). */
  readonly acting: Acting;
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined without one. */
  readonly body: unknown;
  /** The query string, coerced to the types its schema names (numbers, booleans, dates). */
  readonly query: Readonly<Record<string, unknown>>;
  readonly request: Request;
}

/** What a route answers: a JSON body with its status, or a ready Response (a stream, a form's answer). */
export type Answer =
  | { readonly status: number; readonly body: unknown; readonly revision?: bigint | null }
  | { readonly response: Response };

/** Where a route's input comes from, for validation and for the OpenAPI document. */
export type InputPlace = 'body' | 'query' | 'none' | 'csv' | 'form';

export interface Route {
  readonly method: Method;
  /** Hono's syntax: `/leads/:leadId/stage`. */
  readonly path: string;
  /** The facade entry it reaches (`leads.changeStage`), or `http.*` for the handler's own. */
  readonly entry: string;
  readonly summary: string;
  /** The facade's schema of the input (with path parameters and the viewer or acting inside). */
  readonly schema: z.ZodType | null;
  readonly input: InputPlace;
  /** The status of success. */
  readonly status: number;
  /** Takes If-Match as the expected revision: a command on one lead's stream (its ETag is that revision). */
  readonly conditional?: boolean;
  handle(call: RouteCall): Promise<Answer>;
}

/** The route's input: path parameters over the JSON body (a body that is not an object is left to the schema). */
export function withParams(body: unknown, params: Readonly<Record<string, string>>): unknown {
  if (Object.keys(params).length === 0) return body;
  if (body === undefined) return { ...params };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return { ...body, ...params };
}

export const paramNames = (path: string): string[] =>
  [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? '');

interface CommandSpec<S extends z.ZodType> {
  readonly method: Method;
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  readonly schema: S;
  readonly status?: number;
  readonly conditional?: boolean;
  run(leadline: Leadline, input: z.output<S>, acting: Acting): Promise<unknown>;
}

/** A command: the JSON body and the path parameters parsed by the facade's schema, sent with the actor. */
export function command<S extends z.ZodType>(spec: CommandSpec<S>): Route {
  return {
    method: spec.method,
    path: spec.path,
    entry: spec.entry,
    summary: spec.summary,
    schema: spec.schema,
    input: 'body',
    status: spec.status ?? 200,
    ...(spec.conditional === true ? { conditional: true } : {}),
    async handle(call) {
      const input = parseInput(spec.schema, withParams(call.body, call.params), '');
      return commandAnswer(await spec.run(call.leadline, input, call.acting), spec.status ?? 200);
    },
  };
}

interface QuerySpec<S extends z.ZodType> {
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  readonly schema: S;
  /** Values used when the query string leaves them out (the viewer's own id for a work queue). */
  readonly defaults?: (actor: Actor) => Readonly<Record<string, unknown>>;
  /** Null or an empty answer that means "nothing to see here": 404 rather than 200. */
  readonly notFoundWhen?: (result: unknown) => boolean;
  /** The thing a 404 names. */
  readonly subject?: string;
  run(leadline: Leadline, input: z.output<S>): Promise<unknown>;
  /** The revision that becomes the answer's ETag (a lead's page: the lead's revision), when it has one. */
  revisionOf?(leadline: Leadline, input: z.output<S>): Promise<bigint | null>;
}

/** A query: the query string and path parameters with the actor as the viewer, parsed by the facade's schema. */
export function query<S extends z.ZodType>(spec: QuerySpec<S>): Route {
  return {
    method: 'GET',
    path: spec.path,
    entry: spec.entry,
    summary: spec.summary,
    schema: spec.schema,
    input: 'query',
    status: 200,
    async handle(call) {
      const given = { ...spec.defaults?.(call.actor), ...call.query, ...call.params, viewer: call.actor };
      const input = parseInput(spec.schema, given, '');
      // The revision first: a write landing meanwhile shows in the page, and an If-Match with the older
      // ETag is refused rather than let through.
      const revision = spec.revisionOf === undefined ? null : await spec.revisionOf(call.leadline, input);
      const result = await spec.run(call.leadline, input);
      if (spec.notFoundWhen?.(result) === true) throw notFound(spec.subject ?? 'resource');
      return { status: 200, body: result, revision };
    },
  };
}

/** What a caller who may not see a thing is told: the same as when it does not exist. */
export const notFound = (field: string): DomainError =>
  new DomainError(DomainErrorCode.NotFound, {
    field,
    rule: 'exists-and-visible',
    message: `No ${field} here for you: it does not exist or is not yours to see.`,
  });

const HIDDEN_OUTCOME_FIELDS = new Set(['events', 'attempts', 'streamName']);

/**
 * A command's outcome as answered: without the recorded events (the caller knows what it asked) and the
 * attempt count; `revision` becomes the ETag. A create or update that found duplicates wrote nothing: 409.
 */
export function commandAnswer(result: unknown, status: number): Answer {
  if (result === undefined) return { status: 204, body: null };
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { status, body: result ?? null };
  const rest = Object.fromEntries(Object.entries(result).filter(([key]) => !HIDDEN_OUTCOME_FIELDS.has(key)));
  const revision = typeof rest['revision'] === 'bigint' ? rest['revision'] : null;
  return { status: rest['outcome'] === 'duplicates' ? 409 : status, body: rest, revision };
}

interface ReadSpec {
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  /** The thing a 404 names when the facade answers null. */
  readonly subject: string;
  run(call: RouteCall): Promise<unknown>;
}

/** A read that takes only the path and the actor (an organisation, a workflow): null is a 404. */
export function read(spec: ReadSpec): Route {
  return {
    method: 'GET',
    path: spec.path,
    entry: spec.entry,
    summary: spec.summary,
    schema: null,
    input: 'none',
    status: 200,
    async handle(call) {
      const result = await spec.run(call);
      if (result === null) throw notFound(spec.subject);
      return { status: 200, body: result };
    },
  };
}

interface CsvImportSpec<S extends z.ZodType> {
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  /** The options a caller may set, from the query string. */
  readonly schema: S;
  run(leadline: Leadline, csv: Buffer, options: z.output<S>, acting: Acting): Promise<unknown>;
}

/** A CSV import: the file is the body (text/csv, within the import limit), the options the query string. */
export function csvImport<S extends z.ZodType>(spec: CsvImportSpec<S>): Route {
  return {
    method: 'POST',
    path: spec.path,
    entry: spec.entry,
    summary: spec.summary,
    schema: spec.schema,
    input: 'csv',
    status: 200,
    async handle({ leadline, query, body, acting }) {
      const options = parseInput(spec.schema, query, '');
      const csv = body instanceof Uint8Array ? Buffer.from(body) : Buffer.alloc(0);
      return { status: 200, body: await spec.run(leadline, csv, options, acting) };
    },
  };
}
