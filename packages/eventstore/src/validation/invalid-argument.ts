// Small guards shared by every argument check, so each store rejects the same input with the same field and rule.
import { InvalidArgumentError } from '../port/errors.js';

export function invalid(field: string, rule: string, detail: string): InvalidArgumentError {
  return new InvalidArgumentError(field, rule, `${field} ${detail}.`);
}

export function requireNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(field, 'non-empty string', `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function requireRevision(value: unknown, field: string): bigint {
  if (typeof value !== 'bigint') {
    throw invalid(field, 'bigint', `must be a bigint (for example 3n), got ${describe(value)}`);
  }
  if (value < 0n) throw invalid(field, 'non-negative', `must be 0n or more, got ${value}n`);
  return value;
}

export function requireOptionalCount(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, 'non-negative integer', `must be a whole number, 0 or more, got ${describe(value)}`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
