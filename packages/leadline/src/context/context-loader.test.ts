import { describe, expect, it } from '@jest/globals';
import {
  defaultOrganisationSettings,
  organisationStream,
  OrgId,
  UserId,
  WorkflowId,
  workflowStream,
  type Actor,
  type OrganisationView,
  type WorkflowView,
} from '@leadline/domain';
import type { StreamStateLoader } from '../commands/stream-state.js';
import { createContextLoader } from './context-loader.js';

const ORG = OrgId('org-1');
const ORG_STREAM = organisationStream(ORG);
const wf = (id: string): string => workflowStream(WorkflowId(id));
const actor: Actor = { userId: UserId('ada'), orgId: ORG, kind: 'user', permissions: [] };

type View = OrganisationView | WorkflowView | null;

/** A loader whose loads wait until the test answers them, recording which streams were asked for. */
function pausedLoader() {
  const asked: string[] = [];
  const waiting = new Map<string, { answer(view: View): void; fail(error: Error): void }>();
  const loader: StreamStateLoader<View, never> = {
    load(streamName) {
      asked.push(streamName);
      return new Promise((resolve, reject) => {
        waiting.set(streamName, {
          answer: (view) => resolve({ state: view, revision: 0n, keyed: new Map(), position: 1n }),
          fail: reject,
        });
      });
    },
    remember: () => {
      throw new Error('not used');
    },
    forget: () => undefined,
    cached: () => undefined,
  };
  const pending = async (streamName: string) => {
    for (let turn = 0; turn < 20 && !waiting.has(streamName); turn++) await Promise.resolve();
    const found = waiting.get(streamName);
    if (found === undefined) throw new Error(`${streamName} was never loaded`);
    waiting.delete(streamName);
    return found;
  };
  return {
    loader,
    asked,
    answer: async (streamName: string, view: View) => (await pending(streamName)).answer(view),
    fail: async (streamName: string, error: Error) => (await pending(streamName)).fail(error),
  };
}

const organisation = (defaultWorkflowId: string | null): OrganisationView => ({
  orgId: ORG,
  settings: defaultOrganisationSettings,
  defaultWorkflowId: defaultWorkflowId === null ? null : WorkflowId(defaultWorkflowId),
  fieldLayout: null,
});
const workflow = (id: string, orgId = ORG): WorkflowView => ({
  workflowId: WorkflowId(id),
  orgId,
  name: id,
  stages: [],
});

function setUp() {
  const organisations = pausedLoader();
  const workflows = pausedLoader();
  const context = createContextLoader(
    { loader: organisations.loader, toView: (view) => view as OrganisationView | null },
    { loader: workflows.loader, toView: (view) => view as WorkflowView | null },
  );
  return { organisations, workflows, context };
}

describe('context loader', () => {
  it('loads a named workflow while the organisation is still loading', async () => {
    const { organisations, workflows, context } = setUp();
    const built = context.build(ORG, actor, new Date(0), [WorkflowId('sales')]);
    await Promise.resolve();
    expect(organisations.asked).toEqual([ORG_STREAM]);
    expect(workflows.asked).toEqual([wf('sales')]);
    await workflows.answer(wf('sales'), workflow('sales'));
    await organisations.answer(ORG_STREAM, organisation('sales'));
    const result = await built;
    expect([...result.workflows.keys()]).toEqual(['sales']);
    expect(result.organisation?.defaultWorkflowId).toBe('sales');
  });

  it('loads the default it saw last alongside the organisation, and holds the actual default only', async () => {
    const { organisations, workflows, context } = setUp();
    const first = context.build(ORG, actor, new Date(0), []);
    await organisations.answer(ORG_STREAM, organisation('sales'));
    await workflows.answer(wf('sales'), workflow('sales'));
    expect([...(await first).workflows.keys()]).toEqual(['sales']);

    // Another process made `partners` the default meanwhile: the speculative `sales` load is not used.
    const second = context.build(ORG, actor, new Date(0), []);
    await Promise.resolve();
    expect(workflows.asked).toEqual([wf('sales'), wf('sales')]);
    await organisations.answer(ORG_STREAM, organisation('partners'));
    await workflows.answer(wf('partners'), workflow('partners'));
    await workflows.answer(wf('sales'), workflow('sales'));
    const result = await second;
    expect([...result.workflows.keys()]).toEqual(['partners']);
  });

  it('leaves out another organisation’s workflow, so the decider refuses it as unknown', async () => {
    const { organisations, workflows, context } = setUp();
    const built = context.build(ORG, actor, new Date(0), [WorkflowId('theirs')]);
    await organisations.answer(ORG_STREAM, organisation(null));
    await workflows.answer(wf('theirs'), workflow('theirs', OrgId('org-2')));
    expect((await built).workflows.size).toBe(0);
  });

  it('surfaces a failed load the context needs, and swallows nothing else', async () => {
    const { organisations, workflows, context } = setUp();
    const built = context.build(ORG, actor, new Date(0), [WorkflowId('sales')]);
    await workflows.fail(wf('sales'), new Error('store down'));
    await organisations.answer(ORG_STREAM, organisation(null));
    await expect(built).rejects.toThrow('store down');
  });

  it('completes a context started early with the workflows the loaded state names', async () => {
    const { organisations, workflows, context } = setUp();
    const started = context.start(ORG, actor, [WorkflowId('sales')]);
    await organisations.answer(ORG_STREAM, organisation('sales'));
    await workflows.answer(wf('sales'), workflow('sales'));
    // The lead turned out to be in `partners`: it is loaded now, `sales` (the default) stays.
    const completed = started.complete(new Date(5), [WorkflowId('partners')]);
    await workflows.answer(wf('partners'), workflow('partners'));
    const result = await completed;
    expect([...result.workflows.keys()]).toEqual(['sales', 'partners']);
    expect(result.now).toEqual(new Date(5));
  });
});
