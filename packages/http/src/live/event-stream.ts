// GET /events: server-sent events of the changes in the viewer's organisation, `id:` = the event's
// global position, resumed after `Last-Event-ID` (or `?after=`); from now on when neither is given.
import type { Actor } from '@leadline/domain';
import type { Leadline } from 'leadline';
import { HttpError, HttpErrorCode } from '../errors/http-error.js';
import type { Route } from '../routes/route.js';
import { changeNotice, FOLLOWED_STREAMS } from './change-notice.js';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  readonly heartbeatMs?: number;
}

const encoder = new TextEncoder();

export function eventStreamRoute(options: EventStreamOptions = {}): Route {
  return {
    method: 'GET',
    path: '/events',
    entry: 'http.events',
    summary: "Server-sent events of the changes in the viewer's organisation (board moves, new leads…).",
    schema: null,
    input: 'none',
    status: 200,
    async handle({ leadline, actor, request }) {
      const after = resumePoint(request) ?? (await leadline.store.headPosition());
      const body = changeStream(leadline, actor, after, options.heartbeatMs ?? 15_000);
      return {
        response: new Response(body, {
          status: 200,
          headers: {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache, no-transform',
            'x-accel-buffering': 'no',
          },
        }),
      };
    },
  };
}

/** The position to resume after: the browser's Last-Event-ID on reconnection, else `?after=`. */
function resumePoint(request: Request): bigint | null {
  const given = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after');
  if (given === null || given === '') return null;
  if (!/^\d{1,19}$/.test(given)) {
    throw new HttpError(
      HttpErrorCode.BadHeader,
      'Last-Event-ID',
      'global-position',
      'Last-Event-ID (or after) must be the id of an event this stream sent: a whole number.',
    );
  }
  return BigInt(given);
}

function changeStream(
  leadline: Leadline,
  viewer: Actor,
  after: bigint,
  heartbeatMs: number,
): ReadableStream<Uint8Array> {
  const subscription = leadline.store.subscribe({ after, filter: { streamPrefixes: FOLLOWED_STREAMS } });
  const messages = subscription[Symbol.asyncIterator]();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let open = true;
  const stop = async (): Promise<void> => {
    open = false;
    clearInterval(heartbeat);
    await subscription.stop();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: 3000\n: following after ${String(after)}\n\n`));
      heartbeat = setInterval(() => {
        if (open) controller.enqueue(encoder.encode(': heartbeat\n\n'));
      }, heartbeatMs);
    },
    async pull(controller) {
      for (;;) {
        const next = await messages.next();
        if (next.done === true || !open) {
          await stop();
          controller.close();
          return;
        }
        const message = next.value;
        if (message.kind === 'caught-up') {
          // No id: the store's head counts every organisation's events.
          controller.enqueue(encoder.encode('event: caught-up\ndata: {}\n\n'));
          return;
        }
        // Another organisation's events are never sent, not even as a position.
        if (message.event.metadata.orgId !== viewer.orgId) continue;
        const notice = changeNotice(message.event, viewer);
        controller.enqueue(
          encoder.encode(`id: ${notice.position}\nevent: ${notice.type}\ndata: ${JSON.stringify(notice)}\n\n`),
        );
        return;
      }
    },
    cancel: stop,
  });
}
