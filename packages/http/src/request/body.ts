// Reading a request body within a size limit (the web forms' reader: refused as soon as it is known to
// be larger, never read whole first), as JSON of the declared type.
import { readLimitedBody } from 'leadline';
import { bodyTooLarge, HttpError, HttpErrorCode } from '../errors/http-error.js';

/** The body's bytes within `limit` (413 as soon as it is known to be larger); undefined when empty. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const bytes = await readLimitedBody(request, limit);
  if (bytes === null) throw bodyTooLarge(limit);
  return bytes.byteLength === 0 ? undefined : bytes;
}

/** The JSON body, or undefined when there is none. */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const bytes = await readBytes(request, limit);
  if (bytes === undefined) return undefined;
  requireType(request, 'application/json');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new HttpError(
      HttpErrorCode.MalformedJson,
      'body',
      'json',
      'The request body is not well-formed JSON (UTF-8); nothing was done.',
    );
  }
}

export function requireType(request: Request, type: string): void {
  const given = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (given !== type) {
    throw new HttpError(
      HttpErrorCode.UnsupportedMediaType,
      'content-type',
      `must-be:${type}`,
      `Send the body as ${type} (Content-Type: ${type}).`,
    );
  }
}
