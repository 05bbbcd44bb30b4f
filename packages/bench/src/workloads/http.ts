// http.memory: leads created through @leadline/http's handler, in process (a Request built, routed,
// authenticated, its JSON read and parsed, the facade called, the answer serialised and logged). The
// ceiling is `leadline.leads.create` called directly for the same leads, so the ratio is what the HTTP
// layer costs a command.
import { ALL_PERMISSIONS, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import { createHttpHandler, type HttpHandler } from '@leadline/http';
import { createLeadline, type Leadline } from 'leadline';
import { pino } from 'pino';
import { registerWorkload, type Trial, type WorkloadSettings } from '../harness/registry.js';
import { openScratchMemoryStore } from './scratch-stores.js';

const ORG = OrgId('org-bench-http');
const caller: Actor = { userId: UserId('bench-caller'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
/** One create per ten events of the settings: the HTTP path is per request, not per event. */
const leadsFor = (settings: WorkloadSettings): number => settings.events / 10;
const details = (index: number) => ({ name: `Lead ${index}`, email: `lead${index}@example.com`, source: 'Website' });

async function trial(
  settings: WorkloadSettings,
  work: (leadline: Leadline, handler: HttpHandler, leads: number) => Promise<number>,
): Promise<Trial> {
  const opened = await openScratchMemoryStore();
  const leadline = createLeadline({ store: opened.store, disposeStores: false });
  await leadline.organisations.create({ orgId: ORG, name: 'Bench HTTP Org' }, { actor: caller });
  // The request log is written (as in production) to a destination that drops it, not to the terminal.
  const logger = pino({ level: 'info' }, { write: () => undefined });
  const handler = createHttpHandler(leadline, { authenticate: () => caller, logger });
  return {
    run: () => work(leadline, handler, leadsFor(settings)),
    close: async () => {
      await leadline.close();
      await opened.close();
    },
  };
}

registerWorkload({
  name: 'http.memory',
  store: 'memory',
  subject: (settings) =>
    trial(settings, async (_leadline, handler, leads) => {
      for (let index = 0; index < leads; index++) {
        const response = await handler(
          new Request('http://bench.local/leads', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
            body: JSON.stringify({ leadId: `http-${index}`, details: details(index) }),
          }),
        );
        if (response.status !== 201) throw new Error(`http.memory: POST /leads answered ${response.status}`);
        await response.arrayBuffer();
      }
      return leads;
    }),
  ceiling: (settings) =>
    trial(settings, async (leadline, _handler, leads) => {
      for (let index = 0; index < leads; index++) {
        await leadline.leads.create({ leadId: LeadId(`http-${index}`), fields: details(index) }, { actor: caller });
      }
      return leads;
    }),
});
