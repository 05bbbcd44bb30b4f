// Plain node:http speaks IncomingMessage/ServerResponse; Leadline's form handler speaks the web
// standard Request/Response. These two functions are the whole bridge (frameworks ship their own).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export function toRequest(incoming: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  // A streamed body needs `duplex`, which the DOM typings do not know yet.
  const init: RequestInit & { duplex?: 'half' } = {
    method: incoming.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream, duplex: 'half' } : {}),
  };
  return new Request(new URL(incoming.url ?? '/', origin), init);
}

export async function sendResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

export function sendJson(outgoing: ServerResponse, status: number, body: unknown): void {
  outgoing.statusCode = status;
  outgoing.setHeader('content-type', 'application/json; charset=utf-8');
  outgoing.end(JSON.stringify(body));
}
