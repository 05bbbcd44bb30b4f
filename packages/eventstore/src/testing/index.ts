// @leadline/eventstore/testing: the conformance suite every EventStore adapter runs, and test helpers.
import { describe } from '@jest/globals';
import { describeAppend } from './conformance/append.js';
import { describeAppendToStreams } from './conformance/append-to-streams.js';
import { describeBadArguments } from './conformance/bad-arguments.js';
import { describeDelete } from './conformance/delete.js';
import { describeIdempotency } from './conformance/idempotency.js';
import { conformanceKit, type ConformanceFactory } from './conformance/kit.js';
import { describeLifecycle } from './conformance/lifecycle.js';
import { describeProperties } from './conformance/properties.js';
import { describeReadAll } from './conformance/read-all.js';
import { describeReadStream } from './conformance/read-stream.js';
import { describeSubscribe } from './conformance/subscribe.js';
import { describeUpcasting } from './conformance/upcasting.js';

export { anEvent, collect, takeMessages, testMetadata } from './helpers.js';
export { describeKeyedSealing, type KeyedStores, type KeyedStoresFactory } from './conformance/sealed-keys.js';
export {
  expectRejection,
  rejectionOf,
  type ConformanceCapabilities,
  type ConformanceFactory,
} from './conformance/kit.js';

/**
 * Registers Jest tests proving that the stores `factory` creates keep every guarantee of the port
 * (DESIGN.md section 4). Each test gets a fresh, empty store from `factory.create(options)` and
 * releases it with `factory.dispose` (or `store.dispose()`).
 */
export function describeEventStoreConformance(name: string, factory: ConformanceFactory): void {
  const kit = conformanceKit(factory);
  describe(`${name} conforms to the EventStore port`, () => {
    describeAppend(kit);
    describeAppendToStreams(kit);
    describeIdempotency(kit);
    describeReadStream(kit);
    describeReadAll(kit);
    describeSubscribe(kit);
    describeDelete(kit);
    describeUpcasting(kit);
    describeBadArguments(kit);
    describeLifecycle(kit);
    describeProperties(kit);
  });
}
