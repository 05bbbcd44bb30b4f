// A reactor that runs in one process of several: it holds the lease `reactor:<name>` in the read-model
// database while it runs, renews it, and stops when another process took it over. Delivery stays at
// least once: during a takeover the old owner may still finish the event the new one starts with.
import { leaseTimings, type LeaseGrant } from '@leadline/projections';
import {
  startReactor,
  type ReactorDefinition,
  type ReactorLeases,
  type ReactorRuntime,
  type RunningReactor,
} from './reactor.js';

export const reactorLeaseName = (reactor: string): string => `reactor:${reactor}`;

export async function startLeasedReactor(
  runtime: ReactorRuntime,
  definition: ReactorDefinition,
  lease: ReactorLeases,
): Promise<RunningReactor> {
  const { ttlMs, tickMs } = leaseTimings(lease.takeoverWithinMs);
  const name = reactorLeaseName(definition.options.name);
  let reactor: RunningReactor | null = null;
  let grant: LeaseGrant | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    const renewed =
      grant === null ? await lease.leases.acquire(name, lease.owner, ttlMs) : await lease.leases.renew(grant, ttlMs);
    const takenOver = renewed === null || (grant !== null && renewed.token !== grant.token);
    if (takenOver && reactor !== null) {
      await reactor.stop();
      reactor = null;
    }
    grant = renewed;
    if (grant !== null && reactor === null && !stopped) reactor = await startReactor(runtime, definition);
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick()
        .catch((error: unknown) => runtime.onError(error, definition.options.name, null))
        .finally(schedule);
    }, tickMs);
  };
  await tick();
  schedule();

  return {
    position: () => reactor?.position() ?? 0n,
    active: () => reactor !== null,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      await reactor?.stop();
      reactor = null;
      if (grant !== null) await lease.leases.release(grant);
      grant = null;
    },
  };
}
