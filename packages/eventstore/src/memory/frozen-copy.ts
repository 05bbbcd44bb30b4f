// Copies event data and metadata into frozen plain JSON, so nothing a caller holds can change what the
// memory store keeps, and events read out can be handed over without another copy.
import { invalid } from '../validation/invalid-argument';

/** A deep, frozen copy of a JSON value; anything JSON cannot carry is rejected like a durable store would lose it. */
export function frozenJsonCopy<Value>(value: Value, field: string): Value {
  return copy(value, field) as Value;
}

function copy(value: unknown, field: string): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(field, 'JSON', `must be JSON, but holds the number ${value}`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) items[index] = copy(value[index], `${field}[${index}]`);
        return Object.freeze(items);
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw invalid(field, 'JSON', 'must be JSON, but holds a class instance (convert Dates to ISO strings)');
      }
      const result: Record<string, unknown> = {};
      for (const key in value) {
        const entry: unknown = (value as Record<string, unknown>)[key];
        if (entry !== undefined) result[key] = copy(entry, `${field}.${key}`);
      }
      return Object.freeze(result);
    }
    default:
      throw invalid(field, 'JSON', `must be JSON, but holds a ${typeof value}`);
  }
}
