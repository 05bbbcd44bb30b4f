// Optimistic concurrency over HTTP: a lead's ETag is its revision; If-Match sends it back as the
// expected revision, and the facade refuses the command (409, with the current revision) when the
// lead moved on in between.
import { HttpError, HttpErrorCode } from '../errors/http-error.js';

export const etagOf = (revision: bigint): string => `"${String(revision)}"`;

/** The expected revision an If-Match names; undefined without one (or with `*`). */
export function expectedRevisionOf(request: Request): bigint | undefined {
  const given = request.headers.get('if-match')?.trim();
  if (given === undefined || given === '' || given === '*') return undefined;
  const match = /^"(\d{1,19})"$/.exec(given) ?? /^(\d{1,19})$/.exec(given);
  if (match?.[1] === undefined) {
    throw new HttpError(
      HttpErrorCode.BadHeader,
      'If-Match',
      'etag-of-a-revision',
      'If-Match must be one ETag this API gave (a quoted revision such as "3"); weak and lists are not accepted.',
    );
  }
  return BigInt(match[1]);
}
