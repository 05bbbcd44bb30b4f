// An API over a Leadline on the memory stores, with two organisations and their people, driven as a
// client would: `call(actor, method, path, body?, headers?)` builds a Request and hands it to the handler.
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { openLeadline, type Leadline } from 'leadline';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createHttpHandler, type HttpHandler, type HttpHandlerOptions } from '../handler.js';

export const ACME = OrgId('acme');
export const GLOBEX = OrgId('globex');

const person = (userId: string, orgId: OrgId, permissions: readonly Permission[]): Actor => ({
  userId: UserId(userId),
  orgId,
  kind: 'user',
  permissions,
});
const rep = [Permission.ViewLeads, Permission.ManageLeads, Permission.EditLeads, Permission.CreateLeads];

export const manager = person('mia-manager', ACME, ALL_PERMISSIONS);
export const rep1 = person('rob-rep', ACME, rep);
export const rep2 = person('rita-rep', ACME, rep);
export const looker = person('lou-looker', ACME, [Permission.ViewLeads]);
export const outsider = person('olga-globex', GLOBEX, ALL_PERMISSIONS);

/** The actor a request names in its `x-test-user` header (an app would read its session instead). */
const PEOPLE = new Map([manager, rep1, rep2, looker, outsider].map((actor) => [actor.userId as string, actor]));
export const authenticateByHeader = (request: Request): Actor | null =>
  PEOPLE.get(request.headers.get('x-test-user') ?? '') ?? null;

export interface TestApi {
  readonly leadline: Leadline;
  readonly handler: HttpHandler;
  /** Every log line the handler wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  call(
    actor: Actor | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function openTestApi(options: Partial<HttpHandlerOptions> = {}): Promise<TestApi> {
  const leadline = await openLeadline({ storeUrl: 'memory:' });
  await leadline.organisations.create(
    { orgId: ACME, name: 'Acme', settings: { sources: ['Website', 'Fair'] } },
    { actor: manager },
  );
  await leadline.organisations.create({ orgId: GLOBEX, name: 'Globex' }, { actor: outsider });
  await leadline.workers.start();
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const handler = createHttpHandler(leadline, {
    authenticate: authenticateByHeader,
    logger: pino({ level: 'info' }, sink),
    ...options,
  });
  return {
    leadline,
    handler,
    logs,
    call: (actor, method, path, body, headers = {}) =>
      handler(
        new Request(`http://leadline.test${path}`, {
          method,
          headers: {
            ...(actor === null ? {} : { 'x-test-user': actor.userId }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      ),
    close: () => leadline.close(),
  };
}

/** The JSON of a response, typed loosely for assertions. */
export const json = async (
  response: Response,
): Promise<Record<string, unknown> & { error?: Record<string, unknown> }> =>
  (await response.json()) as Record<string, unknown>;
