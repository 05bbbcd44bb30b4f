// Collects garbage before a timed pass, so one side does not pay for the heap the other side left behind.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `pnpm bench` runs without --expose-gc; the flag can still be set at run time and the function taken
// from a fresh context, which sees it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}
