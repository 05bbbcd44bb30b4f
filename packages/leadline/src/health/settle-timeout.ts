// The bound of `settled()`: long enough for a large catch-up on a slow disk, short enough that a stuck
// worker shows up as an error instead of a hung test or request.
import { InvalidOptionError } from '../commands/errors.js';

export const DEFAULT_SETTLE_TIMEOUT_MS = 30_000;

export function validateSettleTimeout(timeoutMs: number): number {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new InvalidOptionError(
      'settleTimeoutMs',
      'positive-integer',
      `settleTimeoutMs must be a positive whole number of milliseconds, not ${timeoutMs}.`,
    );
  return timeoutMs;
}
