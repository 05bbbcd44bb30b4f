// JSON answers: 64-bit positions and revisions as decimal text (JSON numbers lose them), sets as arrays.
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = status === 204 ? null : JSON.stringify(body, replacer);
  return new Response(text, {
    status,
    headers: { ...(text === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers },
  });
}

// `this[key]`, not `value`: a bigint with a toJSON of its own (some test setups add one) arrives converted.
function replacer(this: unknown, key: string, value: unknown): unknown {
  const original: unknown = typeof this === 'object' && this !== null ? Reflect.get(this, key) : value;
  if (typeof original === 'bigint') return original.toString();
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return value;
}
