// @leadline/eventstoredb/testing: the protocol stand-in that serves the real client in tests and
// benchmarks, and the switch that points a test at a real server instead.
export { ProtocolStandIn, type StandInOptions } from './stand-in/stand-in.js';
export { StandInLog } from './stand-in/log.js';
export {
  ESDB_URL_VARIABLE,
  eventStoreDbTestFactory,
  realServerUrl,
  targetLabel,
  type TargetOptions,
} from './test-target.js';
export { openRawClient, type RawEventStoreDbClient } from './raw-client.js';
