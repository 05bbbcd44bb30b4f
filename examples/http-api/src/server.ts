// The service: the whole Leadline API (@leadline/http's createHttpHandler) on @hono/node-server, with
// the contact form at POST /forms/contact. Callers authenticate with a bearer token (a table of demo
// tokens here; your app would check its sessions or JWTs). One organisation, set up on start.
import { serve, type ServerType } from '@hono/node-server';
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { createHttpHandler } from '@leadline/http';
import { openLeadline, type Leadline } from 'leadline';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export const ORG = OrgId('acme');
export const manager: Actor = { userId: UserId('mia-manager'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
export const rep: Actor = {
  userId: UserId('rob-rep'),
  orgId: ORG,
  kind: 'user',
  permissions: [Permission.ViewLeads, Permission.EditLeads, Permission.ManageLeads, Permission.CreateLeads],
};
const website: Actor = {
  userId: UserId('website-form'),
  orgId: ORG,
  kind: 'system',
  permissions: [Permission.CreateLeads],
};

/** Demo bearer tokens; a real service verifies its own. */
export const TOKENS: Readonly<Record<string, Actor>> = { 'manager-token': manager, 'rep-token': rep };

export interface ServiceOptions {
  /** `memory:` (default), `sqlite:./leads.db`, `postgres://…` */
  readonly storeUrl?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** When set, form posts must carry it as `X-Leadline-Form-Secret`. */
  readonly formSecret?: string;
  /** The request log (pino to stdout unless given). */
  readonly logger?: Logger;
}

export interface RunningService {
  readonly url: string;
  readonly leadline: Leadline;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const leadline = await openLeadline({ storeUrl: options.storeUrl ?? 'memory:' });
  await leadline.organisations.create(
    { orgId: ORG, name: 'Acme', settings: { defaultCountryCallingCode: '44', sources: ['Website', 'Referral'] } },
    { actor: manager, idempotencyKey: 'http-api-setup' },
  );
  await leadline.workers.start();
  // The form's rate limit is per client address, which a web-standard Request does not carry: the
  // server notes each request's socket address here (no header is trusted: nothing sits in front).
  const addresses = new WeakMap<Request, string>();
  const handler = createHttpHandler(leadline, {
    authenticate: (request) => {
      const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
      return token === undefined ? null : (TOKENS[token] ?? null);
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    forms: [
      {
        formId: 'contact',
        actor: website,
        fields: { name: 'name', email: 'email', phone: 'phone', company: 'company', message: 'notes' },
        source: 'Website',
        honeypot: 'website',
        maxBodyBytes: 16 * 1024,
        rateLimit: { burst: 10, perMinute: 10 },
        clientAddress: (request) => addresses.get(request) ?? null,
        ...(options.formSecret === undefined ? {} : { secret: options.formSecret }),
      },
    ],
  });

  const server: ServerType = serve({
    port: options.port ?? 0,
    hostname: '127.0.0.1',
    fetch: (request, env: { incoming?: { socket: { remoteAddress?: string } } }) => {
      const address = env.incoming?.socket.remoteAddress;
      if (address !== undefined) addresses.set(request, address);
      return handler(request);
    },
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
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
