// The conformance suite again, with the stand-in not advertising BatchAppend: the client falls back to
// Streams.Append, whose wrong-expected-version answer and errors take a different shape on the wire.
import { test } from '@jest/globals';
import { describeEventStoreConformance } from '@leadline/eventstore/testing';
import { eventStoreDbTestFactory, realServerUrl } from '../testing/index.js';

if (realServerUrl() === undefined) {
  describeEventStoreConformance(
    'EventStoreDB adapter (Append, protocol stand-in)',
    eventStoreDbTestFactory({ batchAppend: false }),
  );
} else {
  test.skip('the Append path is chosen by the stand-in only; a real server advertises BatchAppend', () => undefined);
}
