// leadline/testing: a clock and timers a test moves by hand (for the workers and retry backoff) and a
// seeded random generator. It pulls no test framework, so the CLI's demo uses it at run time too.
export { createManualClock, settle, type ManualClock } from './manual-clock.js';
export { mulberry32 } from '@leadline/projections/random';
