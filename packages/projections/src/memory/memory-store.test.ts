import { createMemoryReadModelStore } from './memory-store';
import { describeReadModelStoreConformance } from '../testing/conformance';

describeReadModelStoreConformance('memory', async () => createMemoryReadModelStore(), { runs: 25 });
