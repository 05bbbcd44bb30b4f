// An --as-of replay reports its progress (the bar the CLI draws): events done and the store's head.
import { describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId } from '@leadline/domain';
import { ALL_PROJECTORS, projectAsOf, type ProjectionProgress, openLeadline, openReadModelStore } from 'leadline';

describe('replay progress', () => {
  it('reports events done against the head of the store', async () => {
    const leadline = await openLeadline({ storeUrl: 'memory:' });
    await leadline.organisations.create(
      { orgId: OrgId('acme'), name: 'Acme' },
      { actor: { userId: UserId('ada'), orgId: OrgId('acme'), kind: 'user', permissions: ALL_PERMISSIONS } },
    );
    const seen: ProjectionProgress[] = [];
    const replay = await projectAsOf({
      eventStore: leadline.store,
      store: await openReadModelStore('memory:'),
      projectors: ALL_PROJECTORS,
      asOf: { position: 2n },
      onProgress: (progress) => seen.push(progress),
    });
    expect(replay.events).toBe(2);
    expect(seen.at(-1)).toMatchObject({ done: 2, position: 2n, total: 3 });
    await replay.store.dispose();
    await leadline.close();
  });
});
