// Writes to a server-streaming call with flow control: waits for 'drain' when the call's buffer is
// full, and stops waiting (and writing) once the client cancelled or the server went down.
import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';

export interface CallWriter<Response> {
  /** Resolves when the message is buffered; does nothing once the call is closed. */
  readonly send: (message: Response) => Promise<void>;
  readonly isClosed: () => boolean;
  /** Resolves when the call is cancelled or closed. */
  readonly closing: Promise<void>;
}

export function callWriter<Request, Response>(call: ServerWritableStream<Request, Response>): CallWriter<Response> {
  let closed = false;
  const closing = new Promise<void>((resolve) => {
    const close = (): void => {
      closed = true;
      resolve();
    };
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  });
  return {
    async send(message) {
      if (closed) return;
      if (!call.write(message)) await Promise.race([once(call, 'drain'), closing]);
    },
    isClosed: () => closed,
    closing,
  };
}
