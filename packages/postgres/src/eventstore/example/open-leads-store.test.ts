import { expect, it } from '@jest/globals';
import { collect } from '@leadline/eventstore/testing';
import { describeWithPostgres, usePostgresTestSchema } from '../../testing/index.js';
import { openLeadsStore } from './open-leads-store.js';

describeWithPostgres('the PostgreSQL sample of docs/stores.md', () => {
  const postgres = usePostgresTestSchema({ prefix: 'leadline_docs' });

  it('opens a store in its schema and appends the first event of a lead', async () => {
    const store = await openLeadsStore(postgres.url, postgres.schema);
    try {
      expect((await collect(store.readStream('lead-42'))).map((event) => [event.type, event.revision])).toEqual([
        ['LeadCreated', 0n],
      ]);
    } finally {
      await store.dispose();
    }
  });
});
