import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_CLAIM_WINDOW_MS, OrgId } from '@leadline/domain';
import {
  createMemoryEventStore,
  StoreUnavailableError,
  type EventStore,
  type RecordedEvent,
} from '@leadline/eventstore';
import { createLeadline, type Leadline } from '../leadline.js';
import { admin, rep1 } from '../e2e/actors.js';

let opened: Leadline[] = [];
afterEach(async () => {
  await Promise.all(opened.map((leadline) => leadline.close()));
  opened = [];
});
const open = (store: EventStore): Leadline => {
  const leadline = createLeadline({ store, disposeStores: false });
  opened.push(leadline);
  return leadline;
};

async function everything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

const globexAdmin = { ...admin, orgId: OrgId('globex') };

describe('organisations', () => {
  it('creates the organisation with 24 h claims and its default workflow, and makes that workflow the default', async () => {
    const store = createMemoryEventStore();
    const leadline = open(store);
    const created = await leadline.organisations.create({ name: 'Globex' }, { actor: globexAdmin });

    const organisation = await leadline.organisations.get(globexAdmin);
    expect(organisation).toMatchObject({ orgId: 'globex', defaultWorkflowId: created.defaultWorkflowId });
    expect(organisation?.settings.claimWindowMs).toBe(DEFAULT_CLAIM_WINDOW_MS);
    expect(DEFAULT_CLAIM_WINDOW_MS).toBe(24 * 60 * 60 * 1000);
    const workflow = await leadline.workflows.get(created.defaultWorkflowId, globexAdmin);
    expect(workflow?.stages.map((stage) => [stage.stageId, stage.category])).toEqual([
      ['NOT_CONTACTED', 'open'],
      ['CONTACTED', 'open'],
      ['QUALIFIED', 'open'],
      ['CONVERTED', 'won'],
      ['LOST', 'lost'],
    ]);
    const events = await everything(store);
    expect(events.map((event) => `${event.streamName}:${event.type}`)).toEqual([
      'org-globex:OrganisationCreated',
      `workflow-${created.defaultWorkflowId}:WorkflowCreated`,
      'org-globex:DefaultWorkflowSet',
    ]);
    expect(new Set(events.map((event) => event.metadata.correlationId)).size).toBe(1);
    expect(created.events).toHaveLength(3);
  });

  it('finishes an interrupted setup when retried with the same idempotency key', async () => {
    const store = createMemoryEventStore();
    let failNextWorkflowAppend = true;
    const flaky: EventStore = {
      ...store,
      append: async (streamName, events, options) => {
        if (streamName.startsWith('workflow-') && failNextWorkflowAppend) {
          failNextWorkflowAppend = false;
          throw new StoreUnavailableError('connection reset');
        }
        return store.append(streamName, events, options);
      },
    };
    const leadline = open(flaky);
    await expect(
      leadline.organisations.create({ name: 'Initech' }, { actor: admin, idempotencyKey: 'signup-9' }),
    ).rejects.toThrow(StoreUnavailableError);
    const retried = await leadline.organisations.create(
      { name: 'Initech' },
      { actor: admin, idempotencyKey: 'signup-9' },
    );
    const again = await open(store).organisations.create(
      { name: 'Initech' },
      { actor: admin, idempotencyKey: 'signup-9' },
    );

    expect(again).toMatchObject({ orgId: retried.orgId, defaultWorkflowId: retried.defaultWorkflowId, replayed: true });
    expect((await everything(store)).map((event) => event.type)).toEqual([
      'OrganisationCreated',
      'WorkflowCreated',
      'DefaultWorkflowSet',
    ]);
    expect(retried.orgId).toBe(admin.orgId);
    expect((await leadline.organisations.get(admin))?.defaultWorkflowId).toBe(retried.defaultWorkflowId);
  });

  it('refuses a person without the admin permission and writes nothing', async () => {
    const store = createMemoryEventStore();
    await expect(open(store).organisations.create({ name: 'Nope' }, { actor: rep1 })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await store.headPosition()).toBe(0n);
  });

  it("creates only the actor's own organisation, and reads of another organisation show nothing", async () => {
    const store = createMemoryEventStore();
    const leadline = open(store);
    const globex = await leadline.organisations.create({ name: 'Globex' }, { actor: globexAdmin });
    await expect(
      leadline.organisations.create({ orgId: OrgId('globex'), name: 'Takeover' }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'WRONG_ORGANISATION', field: 'orgId' });
    expect(await store.headPosition()).toBe(3n);
    await leadline.organisations.create({ name: 'Acme' }, { actor: admin });
    // Before, get(workflowId) and get(orgId) took no actor and showed any organisation's workflow.
    expect(await leadline.workflows.get(globex.defaultWorkflowId, admin)).toBeNull();
    expect(await leadline.workflows.get(globex.defaultWorkflowId, globexAdmin)).not.toBeNull();
    expect((await leadline.organisations.get(admin))?.orgId).toBe(admin.orgId);
    expect((await leadline.organisations.get(globexAdmin))?.orgId).toBe('globex');
  });
});
