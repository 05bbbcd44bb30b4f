// The service: POST /forms/contact takes web-form submissions (Leadline's handler), and three GETs
// read what came in: /leads?name=… (search read model), /duplicates?email=…&phone=… (the duplicate
// guard, read only) and /board (pipeline board). One organisation, set up on start.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { openLeadline, type Leadline, type WebFormHandler } from 'leadline';
import { sendJson, sendResponse, toRequest } from './node-adapter.js';

export const ORG = OrgId('acme');
/** The person the queries are answered for; a real service would authenticate its callers. */
export const manager: Actor = { userId: UserId('mia-manager'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
const website: Actor = {
  userId: UserId('website-form'),
  orgId: ORG,
  kind: 'system',
  permissions: [Permission.CreateLeads],
};

export interface ServiceOptions {
  /** `memory:` (default), `sqlite:./leads.db`, `postgres://…` */
  readonly storeUrl?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** When set, form posts must carry it as `X-Leadline-Form-Secret`. */
  readonly formSecret?: string;
}

export interface RunningService {
  readonly url: string;
  readonly leadline: Leadline;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const leadline = await openLeadline({ storeUrl: options.storeUrl ?? 'memory:' });
  await leadline.organisations.create(
    { orgId: ORG, name: 'Acme', settings: { defaultCountryCallingCode: '44' } },
    { actor: manager, idempotencyKey: 'http-api-setup' },
  );
  await leadline.workers.start();
  // The form's rate limit is per client address, which a web-standard Request does not carry: the
  // adapter notes each request's socket address here (no header is trusted: nothing sits in front).
  const addresses = new WeakMap<Request, string>();
  const contactForm: WebFormHandler = leadline.intake.webFormHandler({
    formId: 'contact',
    actor: website,
    fields: { name: 'name', email: 'email', phone: 'phone', company: 'company', message: 'notes' },
    source: 'Website',
    honeypot: 'website',
    maxBodyBytes: 16 * 1024,
    rateLimit: { burst: 10, perMinute: 10 },
    clientAddress: (request) => addresses.get(request) ?? null,
    ...(options.formSecret === undefined ? {} : { secret: options.formSecret }),
  });

  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    const route = async (): Promise<void> => {
      if (url.pathname === '/forms/contact') {
        const request = toRequest(incoming, 'http://localhost');
        if (incoming.socket.remoteAddress !== undefined) addresses.set(request, incoming.socket.remoteAddress);
        return sendResponse(await contactForm(request), outgoing);
      }
      if (incoming.method !== 'GET') {
        sendJson(outgoing, 405, { error: { code: 'METHOD_NOT_ALLOWED' } });
        return;
      }
      const param = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
      if (url.pathname === '/leads') {
        const name = param('name');
        const after = param('after');
        // One page: { items, nextCursor }; pass nextCursor back as ?after= for the next.
        sendJson(
          outgoing,
          200,
          await leadline.queries.searchLeads({
            viewer: manager,
            ...(name === undefined ? {} : { name }),
            ...(after === undefined ? {} : { after }),
          }),
        );
        return;
      }
      if (url.pathname === '/duplicates') {
        const email = param('email');
        const phone = param('phone');
        sendJson(
          outgoing,
          200,
          await leadline.intake.findDuplicates({ email: email ?? null, phone: phone ?? null }, { actor: manager }),
        );
        return;
      }
      if (url.pathname === '/board') {
        sendJson(outgoing, 200, await leadline.queries.pipelineBoard({ viewer: manager }));
        return;
      }
      sendJson(outgoing, 404, { error: { code: 'NOT_FOUND', message: `No route ${url.pathname}.` } });
    };
    route().catch((error: unknown) => {
      // The cause stays in the log under an id; the caller gets the id only.
      const errorId = randomUUID();
      console.error(`http-api ${errorId}:`, error);
      sendJson(outgoing, 500, { error: { code: 'INTERNAL', message: 'Something failed on our side.', errorId } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    leadline,
    async close() {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      );
      await leadline.close();
    },
  };
}
