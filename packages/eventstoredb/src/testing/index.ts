// @leadline/eventstoredb/testing: the protocol stand-in that serves the real client in tests and
// benchmarks, and the switch that points a test at a real server instead.
export { ProtocolStandIn, type StandInOptions } from './stand-in/stand-in';
export { StandInLog } from './stand-in/log';
export {
  ESDB_URL_VARIABLE,
  eventStoreDbTestFactory,
  realServerUrl,
  targetLabel,
  type TargetOptions,
} from './test-target';
export { openRawClient, type RawEventStoreDbClient } from './raw-client';
