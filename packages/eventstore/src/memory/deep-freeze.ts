// Freezes event data and metadata in place, so nothing anyone holds can change what the memory store
// keeps and events can be handed out without a copy. Measured cheaper than copying: see docs/stores.md.
import { invalid } from '../validation/invalid-argument.js';

/**
 * Deep-freezes a JSON value in place and returns it. Anything JSON cannot carry is rejected (naming
 * where it sits under `field`), as a durable store would lose it. Properties holding `undefined` are
 * kept (JSON stores drop them).
 */
export function deepFreezeJson<Value>(value: Value, field: () => string): Value {
  // The walk that runs for every event builds no field paths; only a failure walks again to name one.
  if (!freeze(value)) throw notJson(value, field());
  return value;
}

/** Deep-freezes a JSON value in place; false (with part of it possibly frozen) when it is not JSON. */
export function freezeJson(value: unknown): boolean {
  return freeze(value);
}

function freeze(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!freeze(item)) return false;
      } else {
        const prototype: unknown = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) return false;
        for (const key in value) {
          const entry: unknown = (value as Record<string, unknown>)[key];
          if (typeof entry !== 'string' && !freeze(entry)) return false;
        }
      }
      Object.freeze(value);
      return true;
    }
    default:
      return false;
  }
}

/** The error for the first part of `value` that JSON cannot carry. */
function notJson(value: unknown, field: string): Error {
  if (typeof value === 'number') return invalid(field, 'JSON', `must be JSON, but holds the number ${value}`);
  if (typeof value !== 'object' || value === null)
    return invalid(field, 'JSON', `must be JSON, but holds a ${typeof value}`);
  if (Array.isArray(value)) {
    const index = value.findIndex((item) => !freeze(item));
    return notJson(value[index], `${field}[${index}]`);
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return invalid(field, 'JSON', 'must be JSON, but holds a class instance (convert Dates to ISO strings)');
  }
  const [key, entry] = Object.entries(value as Readonly<Record<string, unknown>>).find(([, part]) => !freeze(part)) ?? [
    '?',
    undefined,
  ];
  return notJson(entry, `${field}.${key}`);
}
