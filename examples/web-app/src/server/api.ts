// Leadline's HTTP API as the page reaches it: createHttpHandler under /api, the login cookie as the
// actor, and the same handler over read models replayed to a past instant under /api/as-of/INSTANT/…
// (the analytics page's date picker): read only, each replay kept for the next few requests.
import { createHttpHandler } from '@leadline/http';
import { LEADLINE_PROJECTORS, openReadModelStore, projectAsOf, type Leadline } from 'leadline';
import type { Logger } from 'pino';
import { actorOf } from './people.js';

type Handler = (request: Request) => Promise<Response>;
type ReplayedReadModels = Awaited<ReturnType<typeof openReadModelStore>>;

const API = '/api';
const AS_OF = /^\/as-of\/([^/]+)(\/.*)$/;
/** Replays kept: a person flicking between a few dates should not replay each time. */
const KEPT_REPLAYS = 4;

/** The request with its path moved from under `/api` to the handler's root. */
function rebased(request: Request, path: string): Request {
  const url = new URL(request.url);
  url.pathname = path;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  // A streamed body needs `duplex`, which the DOM typings do not know yet.
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
  };
  return new Request(url, init);
}

const refusal = (status: number, code: string, field: string, rule: string, message: string): Response =>
  new Response(JSON.stringify({ error: { code, field, rule, message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

export interface LeadsApi {
  (request: Request): Promise<Response>;
  /** Releases the replayed read models. */
  close(): Promise<void>;
}

export function leadsApi(leadline: Leadline, logger?: Logger): LeadsApi {
  const options = { authenticate: actorOf, ...(logger === undefined ? {} : { logger }) };
  const live = createHttpHandler(leadline, options);
  const replays = new Map<string, Promise<{ readonly handler: Handler; readonly store: ReplayedReadModels }>>();

  const replayed = (instant: Date) => {
    const key = instant.toISOString();
    const kept = replays.get(key);
    if (kept !== undefined) return kept;
    const replay = (async () => {
      const store = await openReadModelStore('memory:');
      await projectAsOf({ eventStore: leadline.store, store, projectors: LEADLINE_PROJECTORS, asOf: { instant } });
      // The facade's queries, with their visibility rules, over the replayed read models.
      const handler = createHttpHandler({ ...leadline, queries: leadline.queriesOn(store) }, options);
      return { handler, store };
    })();
    replays.set(key, replay);
    for (const [oldest, evicted] of replays) {
      if (replays.size <= KEPT_REPLAYS) break;
      replays.delete(oldest);
      void evicted.then(({ store }) => store.dispose());
    }
    return replay;
  };

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname.slice(API.length) || '/';
    const asOf = AS_OF.exec(path);
    if (asOf === null) return live(rebased(request, path));
    const instant = new Date(decodeURIComponent(asOf[1] ?? ''));
    if (Number.isNaN(instant.getTime()))
      return refusal(400, 'VALIDATION_FAILED', 'asOf', 'iso-8601', 'The as-of instant is not an ISO 8601 instant.');
    if (request.method !== 'GET')
      return refusal(405, 'METHOD_NOT_ALLOWED', 'method', 'read-only', 'The past is read only: use GET.');
    return (await replayed(instant)).handler(rebased(request, asOf[2] ?? '/'));
  };
  return Object.assign(handle, {
    close: async () => {
      const all = [...replays.values()];
      replays.clear();
      await Promise.all(all.map(async (replay) => (await replay).store.dispose()));
    },
  });
}
