// The web app's server: the page's files, its settings (the login picker's people, the sources) and
// Leadline's HTTP API under /api, on one node:http server. The store is a SQLite file seeded with the
// demo's weeks.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DEFAULT_SOURCES, Permission } from '@leadline/domain';
import { openLeadline, type Leadline } from 'leadline';
import type { Logger } from 'pino';
import { leadsApi } from './api.js';
import { bundleClient } from './client-bundle.js';
import { seedDemo } from './demo-data.js';
import { DEMO_ORG_NAME, PEOPLE } from './people.js';

export interface WebAppOptions {
  /** A `sqlite:FILE` store (seeded with the demo when it has no events yet). */
  readonly storeUrl: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where the API's request log goes (pino to stdout at info unless given). */
  readonly logger?: Logger;
}

export interface RunningWebApp {
  readonly url: string;
  readonly leadline: Leadline;
  /** Whether this start wrote the demo data (false when the store had events already). */
  readonly seeded: boolean;
  close(): Promise<void>;
}

const json = (body: unknown): Response =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });

export async function startWebApp(options: WebAppOptions): Promise<RunningWebApp> {
  const seeded = await seedDemo(options.storeUrl);
  const files = await bundleClient();
  const leadline = await openLeadline({ storeUrl: options.storeUrl });
  await leadline.workers.start();
  const api = leadsApi(leadline, options.logger);
  // What the page needs before anyone signs in: the login picker's people and the lead form's sources.
  const config = {
    organisation: DEMO_ORG_NAME,
    sources: DEFAULT_SOURCES,
    people: PEOPLE.map(({ actor, name, role }) => ({
      userId: actor.userId,
      name,
      role,
      viewsAll: [...actor.permissions].includes(Permission.ViewAllLeads),
    })),
  };

  const fetch = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return api(request);
    if (pathname === '/app/config') return json(config);
    const file = request.method === 'GET' ? files[pathname] : undefined;
    if (file === undefined) return new Response('Not found', { status: 404 });
    return new Response(file.body, { headers: { 'content-type': file.type, 'cache-control': 'no-store' } });
  };

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch, port: options.port ?? 3000, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    leadline,
    seeded,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a browser would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await api.close();
      await leadline.close();
    },
  };
}
