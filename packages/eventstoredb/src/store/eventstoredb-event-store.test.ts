// The whole EventStore conformance suite through the real client over gRPC: against the protocol
// stand-in by default, against a real server when LEADLINE_TEST_ESDB_URL is set.
import { describeEventStoreConformance } from '@leadline/eventstore/testing';
import { eventStoreDbTestFactory, targetLabel } from '../testing/index.js';

describeEventStoreConformance(
  `EventStoreDB adapter (BatchAppend, ${targetLabel()})`,
  eventStoreDbTestFactory({ batchAppend: true }),
);
