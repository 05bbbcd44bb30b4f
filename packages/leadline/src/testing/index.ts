// leadline/testing: a clock and timers a test moves by hand, for the workers and for retry backoff.
export { createManualClock, settle, type ManualClock } from './manual-clock.js';
