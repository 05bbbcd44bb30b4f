import { createMemoryReadModelStore } from './memory-store.js';
import { describeReadModelStoreConformance } from '../testing/conformance.js';

describeReadModelStoreConformance('memory', async () => createMemoryReadModelStore(), { runs: 25 });
