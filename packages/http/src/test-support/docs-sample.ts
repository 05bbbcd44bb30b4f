// The sample of docs/http.md, verbatim between the markers: type-checked with the package and run by docs.test.ts.
// sample start
import { serve } from '@hono/node-server';
import { Permission, UserId, OrgId, type Actor } from '@leadline/domain';
import { createHttpHandler } from '@leadline/http';
import { openLeadline } from 'leadline';

export async function startLeadsApi(port: number) {
  const leadline = await openLeadline({ storeUrl: 'memory:' });
  const admin: Actor = {
    userId: UserId('ada'),
    orgId: OrgId('acme'),
    kind: 'user',
    permissions: Object.values(Permission),
  };
  await leadline.organisations.create({ orgId: admin.orgId, name: 'Acme' }, { actor: admin });
  await leadline.workers.start();

  const handler = createHttpHandler(leadline, {
    // Your sessions or tokens decide who acts; null answers 401.
    authenticate: (request) => (request.headers.get('authorization') === 'Bearer ada-token' ? admin : null),
  });
  const server = serve({ fetch: handler, port, hostname: '127.0.0.1' });
  return { leadline, handler, server };
}
// sample end
