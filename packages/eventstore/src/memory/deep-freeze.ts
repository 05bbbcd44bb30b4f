// Freezes event data and metadata in place, so nothing anyone holds can change what the memory store
// keeps and events can be handed out without a copy. Measured cheaper than copying: see docs/stores.md.
import { invalid } from '../validation/invalid-argument';

/**
 * Deep-freezes a JSON value in place and returns it. Anything JSON cannot carry is rejected, as a
 * durable store would lose it. Properties holding `undefined` are kept (JSON stores drop them).
 */
export function deepFreezeJson<Value>(value: Value, field: string): Value {
  freeze(value, field);
  return value;
}

function freeze(value: unknown, field: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(field, 'JSON', `must be JSON, but holds the number ${value}`);
      return;
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) freeze(value[index], `${field}[${index}]`);
      } else {
        const prototype: unknown = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) {
          throw invalid(field, 'JSON', 'must be JSON, but holds a class instance (convert Dates to ISO strings)');
        }
        for (const key in value) {
          const entry: unknown = (value as Record<string, unknown>)[key];
          // Strings are most of what events hold: skip the call (and building the field path) for them.
          if (typeof entry !== 'string') freeze(entry, `${field}.${key}`);
        }
      }
      Object.freeze(value);
      return;
    }
    default:
      throw invalid(field, 'JSON', `must be JSON, but holds a ${typeof value}`);
  }
}
