// A query string as the input of a schema: `limit=20` is a number, `dryRun=true` a boolean, `now=…`
// a Date, `mapping.email=E-mail` a nested field, a repeated key an array, each as the schema's JSON
// Schema says. A value that does not read as its type is passed on as text for the schema to refuse.
import type * as z from 'zod';
import { jsonSchemaOf, type JsonSchema } from '../openapi/json-schema.js';

export function queryInput(params: URLSearchParams, schema: z.ZodType | null): Record<string, unknown> {
  const root = schema === null ? {} : jsonSchemaOf(schema, 'coerce');
  const input: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const path = key.split('.');
    const property = propertyAt(root, path);
    const values = params.getAll(key);
    const value =
      property?.type === 'array'
        ? values.map((item) => coerce(item, property.items))
        : coerce(values[values.length - 1] ?? '', property);
    setAt(input, path, value);
  }
  return input;
}

function propertyAt(schema: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const key of path) current = unwrap(current)?.properties?.[key];
  return unwrap(current);
}

/** A nullable field is `anyOf: [T, null]`: the T. */
const unwrap = (schema: JsonSchema | undefined): JsonSchema | undefined =>
  schema?.anyOf?.find((option) => option.type !== 'null') ?? schema;

function coerce(value: string, schema: JsonSchema | undefined): unknown {
  if (schema === undefined) return value;
  if (schema['x-leadline-date'] === true) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const existing = target[head];
  const inner: Record<string, unknown> =
    typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...existing } : {};
  setAt(inner, rest, value);
  target[head] = inner;
}
