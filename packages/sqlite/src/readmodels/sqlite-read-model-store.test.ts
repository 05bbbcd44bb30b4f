import { describeReadModelStoreConformance } from '@leadline/projections/testing';
import { openSqliteReadModelStore } from './sqlite-read-model-store.js';

describeReadModelStoreConformance('sqlite', async () => openSqliteReadModelStore({ file: ':memory:' }), { runs: 10 });
