// Checks the options of readStream, readAll and subscribe before any read.
import type { EventFilter, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../port/event-store.js';
import { START } from '../port/events.js';
import { describe, invalid, requireNonEmptyString, requireOptionalCount, requireRevision } from './invalid-argument.js';

export interface CheckedReadStreamOptions {
  readonly direction: 'forwards' | 'backwards';
  readonly fromRevision: bigint | undefined;
  readonly maxCount: number;
}

export function validateReadStreamOptions(options: ReadStreamOptions | undefined): CheckedReadStreamOptions {
  const direction: unknown = options?.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw invalid(
      'direction',
      "'forwards' or 'backwards'",
      `must be 'forwards' or 'backwards', got ${describe(direction)}`,
    );
  }
  const fromRevision =
    options?.fromRevision === undefined ? undefined : requireRevision(options.fromRevision, 'fromRevision');
  return { direction, fromRevision, maxCount: requireOptionalCount(options?.maxCount, 'maxCount') ?? Infinity };
}

export interface CheckedReadAllOptions {
  readonly after: bigint;
  readonly maxCount: number;
  readonly filter: EventFilter | undefined;
}

export function validateReadAllOptions(options: ReadAllOptions | undefined): CheckedReadAllOptions {
  return {
    after: options?.after === undefined ? START : requireRevision(options.after, 'after'),
    maxCount: requireOptionalCount(options?.maxCount, 'maxCount') ?? Infinity,
    filter: validateFilter(options?.filter),
  };
}

export function validateSubscribeOptions(options: SubscribeOptions | undefined): {
  after: bigint;
  filter: EventFilter | undefined;
} {
  return {
    after: options?.after === undefined ? START : requireRevision(options.after, 'after'),
    filter: validateFilter(options?.filter),
  };
}

/** An empty list is rejected rather than guessed at: omit the field to match everything. */
export function validateFilter(filter: unknown): EventFilter | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter !== 'object' || filter === null)
    throw invalid('filter', 'object', `must be an object, got ${describe(filter)}`);
  for (const key of ['eventTypes', 'streamPrefixes'] as const) {
    const list: unknown = Reflect.get(filter, key);
    if (list === undefined) continue;
    const field = `filter.${key}`;
    if (!Array.isArray(list) || list.length === 0) {
      throw invalid(
        field,
        'non-empty array',
        `must be a non-empty array of strings (omit it to match everything), got ${describe(list)}`,
      );
    }
    list.forEach((entry: unknown, index) => requireNonEmptyString(entry, `${field}[${index}]`));
  }
  return filter;
}
