// Reading a request body within a size limit: refused with 413 as soon as it is known to be larger
// (its Content-Length, or the bytes read so far), never read whole into memory first.
import { bodyTooLarge, HttpError, HttpErrorCode } from '../errors/http-error.js';

export async function readBytes(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw bodyTooLarge(limit);
  if (request.body === null) return undefined;
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  if (total === 0) return undefined;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
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
