// Reads a submission's body within the size limit and turns it into field values: JSON objects,
// urlencoded and multipart forms. Anything else is refused before a byte is parsed.
export type FormValues = Readonly<Record<string, string>>;

export type BodyResult =
  | { readonly ok: true; readonly values: FormValues }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly rule: string; readonly message: string };

const tooLarge = (limit: number): BodyResult => ({
  ok: false,
  status: 413,
  rule: `max-bytes:${limit}`,
  message: `The submission is larger than ${limit} bytes.`,
});

/** The body's bytes, or null as soon as it is known to be larger than `limit` (never read whole first). */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (request.body === null) return new Uint8Array();
  // A request body is a stream of bytes; Node's Request types leave its chunks as any.
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function readFormBody(request: Request, limit: number): Promise<BodyResult> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const kinds = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
  if (!kinds.includes(type)) {
    return {
      ok: false,
      status: 415,
      rule: 'content-type',
      message: `Send the form as ${kinds.join(', ')}; got "${type || 'no content type'}".`,
    };
  }
  const body = await readLimitedBody(request, limit);
  if (body === null) return tooLarge(limit);
  if (type === 'application/json') return jsonValues(new TextDecoder().decode(body));
  try {
    const form = await new Response(body, {
      headers: { 'content-type': request.headers.get('content-type') ?? type },
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- size-checked above; only text fields are read
    }).formData();
    const values: Record<string, string> = {};
    // Files are not lead details: only text fields are read.
    form.forEach((value, key) => {
      if (typeof value === 'string' && !(key in values)) values[key] = value;
    });
    return { ok: true, values };
  } catch {
    return { ok: false, status: 400, rule: 'form-encoding', message: 'The form body could not be read.' };
  }
}

function jsonValues(text: string): BodyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, rule: 'json', message: 'The body is not valid JSON.' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      status: 400,
      rule: 'json-object',
      message: 'The JSON body must be an object of field names to values.',
    };
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object')
      return {
        ok: false,
        status: 400,
        rule: 'flat-values',
        message: `Field "${key}" must be text, a number or a boolean.`,
      };
    values[key] = String(value);
  }
  return { ok: true, values };
}
