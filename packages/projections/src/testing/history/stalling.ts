// For crash tests: a projector that stops dead, inside its batch's transaction, at a chosen position,
// after telling the parent process so (the parent then kills it with SIGKILL).
import { writeSync } from 'node:fs';
import type { Projector } from '../../projector/projector.js';

export const STALLED_MARKER = 'stalled-in-batch';

export function stallingProjector(projector: Projector, atPosition: bigint): Projector {
  let stalled = false;
  return {
    ...projector,
    apply(event, tx) {
      projector.apply(event, tx);
      if (!stalled && event.position >= atPosition) {
        stalled = true;
        writeSync(1, `${STALLED_MARKER} ${event.position}\n`);
        // Blocks this thread without spinning: the batch's transaction stays open until the kill.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      }
    },
  };
}
