// The projection runner of a process that shares the projections with others: each projector version
// is leased in the read-model database, the workers of a group split them evenly, a lease is renewed
// while its owner lives, and the projections of a dead or stalled owner are taken over within a bound.
// Every batch is fenced with its lease's token, so a stale owner's batch is rolled back, never applied.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { parkingErrorOf } from '../parking/parked-events.js';
import { retryParked } from '../parking/retry.js';
import type { Projector } from '../projector/projector.js';
import { targetOf } from '../projector/projector.js';
import { ProjectionsStoppedError, isLeaseLost } from '../store/errors.js';
import { projectionHealth } from '../runner/health.js';
import {
  createProjectionRunner,
  type CatchUpResult,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from '../runner/runner.js';
import {
  DEFAULT_TAKEOVER_WITHIN_MS,
  memberLeaseName,
  projectionLeaseName,
  type LeaseGrant,
  type LeaseStore,
} from './lease.js';

export interface ProjectionLeaseOptions {
  /** This process in the lease table (host, pid and a random suffix unless given); unique per process. */
  readonly owner?: string;
  /** Workers of one group split its projectors evenly (default `projections`). */
  readonly group?: string;
  /** The projections of a dead owner are taken over within this bound, in ms (default 10 s). */
  readonly takeoverWithinMs?: number;
}

export interface LeasedProjectionRunnerOptions extends Omit<ProjectionRunnerOptions, 'fenceOf'> {
  readonly lease?: ProjectionLeaseOptions;
}

export interface LeasedProjectionRunner extends ProjectionRunner {
  /** This process's name in the lease table. */
  readonly owner: string;
  /** The projector versions this process owns now, by lease name. */
  owned(): readonly string[];
}

/** This process in a lease table: host, pid and a random suffix (a restarted process is a new owner). */
export const defaultLeaseOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The lease's lifetime and the renewal period: a lapse is seen at the latest one tick after expiry. */
export function leaseTimings(takeoverWithinMs: number): { readonly ttlMs: number; readonly tickMs: number } {
  return { ttlMs: Math.round(takeoverWithinMs * 0.6), tickMs: Math.max(10, Math.round(takeoverWithinMs * 0.2)) };
}

const WAIT_POLL_MS = 25;

interface Running {
  readonly runner: ProjectionRunner;
  readonly started: Promise<void>;
}

export function createLeasedProjectionRunner(options: LeasedProjectionRunnerOptions): LeasedProjectionRunner {
  const { eventStore, store, projectors } = options;
  const leases: LeaseStore = store.leases;
  const owner = options.lease?.owner ?? defaultLeaseOwner();
  const group = options.lease?.group ?? 'projections';
  const { ttlMs, tickMs } = leaseTimings(options.lease?.takeoverWithinMs ?? DEFAULT_TAKEOVER_WITHIN_MS);
  const now = options.now ?? (() => new Date());
  const leaseOf = new Map(projectors.map((projector) => [projectionLeaseName(targetOf(projector)), projector]));
  // Workers try the projectors from different places in the list, so they collide less when starting.
  const offset = parseInt(createHash('sha256').update(owner).digest('hex').slice(0, 8), 16) % Math.max(1, leaseOf.size);
  const names = [...leaseOf.keys()];
  const preference = [...names.slice(offset), ...names.slice(0, offset)];

  /** The leases held now; renewals drop the lost ones, rebalances add and give up others. */
  const grants = new Map<string, LeaseGrant>();
  let running: Running | null = null;
  let runningSet = new Map<string, LeaseGrant>();
  let failure: unknown = null;
  let timer: NodeJS.Timeout | undefined;
  let rebalancing: Promise<void> | null = null;
  let ticking: Promise<void> = Promise.resolve();
  let active = false;
  let committed = 0n;

  const member = memberLeaseName(group, owner);

  /** Keeps this process counted and its leases alive; never waits on projection work. */
  const renew = async (): Promise<void> => {
    await leases.acquire(member, owner, ttlMs);
    for (const [name, grant] of [...grants]) {
      const renewed = await leases.renew(grant, ttlMs);
      if (grants.get(name)?.token !== grant.token) continue;
      if (renewed !== null && renewed.token === grant.token) grants.set(name, renewed);
      else grants.delete(name);
    }
  };

  /** This process's share of the group's projections, given the members that hold their lease now. */
  const shareOfWork = async (): Promise<number> => {
    const members = (await leases.list(memberLeaseName(group, ''))).filter((lease) => lease.held).length;
    return Math.ceil(leaseOf.size / Math.max(1, members));
  };

  /** Takes free projections up to the share; the excess (a worker joined) is given up after stopping. */
  const claimShare = async (): Promise<LeaseGrant[]> => {
    const share = await shareOfWork();
    const excess = [...grants.values()].slice(share);
    for (const grant of excess) grants.delete(grant.lease);
    if (grants.size < share) {
      const held = new Set(
        (await leases.list('projection:')).filter((lease) => lease.held).map((lease) => lease.lease),
      );
      for (const name of preference) {
        if (grants.size >= share) break;
        if (grants.has(name) || held.has(name)) continue;
        const grant = await leases.acquire(name, owner, ttlMs);
        if (grant !== null) grants.set(name, grant);
      }
    }
    return excess;
  };

  const fenced = (owned: ReadonlyMap<string, LeaseGrant>, onLeaseLost: () => void): ProjectionRunner => {
    const fences = new Map<Projector, LeaseGrant>();
    for (const [name, grant] of owned) {
      const projector = leaseOf.get(name);
      if (projector !== undefined) fences.set(projector, grant);
    }
    return createProjectionRunner({
      ...options,
      projectors: [...fences.keys()],
      fenceOf: (projector) => fences.get(projector),
      onError: (error) => {
        // A lost lease is not a failure: the next rebalance leaves the work to its new owner.
        if (isLeaseLost(error)) onLeaseLost();
        else {
          failure = error;
          options.onError?.(error);
        }
      },
    });
  };

  const sameSet = (a: ReadonlyMap<string, LeaseGrant>, b: ReadonlyMap<string, LeaseGrant>): boolean =>
    a.size === b.size && [...a].every(([name, grant]) => b.get(name)?.token === grant.token);

  /** Stops the runner of the old set (it commits what it took), then starts one of the leases held now. */
  const restart = async (release: readonly LeaseGrant[]): Promise<void> => {
    if (running !== null) {
      await running.started.catch(() => undefined);
      await running.runner.stop();
      running = null;
    }
    for (const grant of release) await leases.release(grant);
    runningSet = new Map(grants);
    failure = null;
    if (runningSet.size === 0 || !active) return;
    const runner = fenced(runningSet, () => scheduleTick(0));
    const started = runner.start();
    running = { runner, started };
    await started.catch((error: unknown) => {
      if (isLeaseLost(error)) return;
      failure = error;
      options.onError?.(error);
    });
  };

  const rebalance = async (): Promise<void> => {
    const release = await claimShare();
    const stopped = running !== null && running.runner.failure() !== null;
    if (release.length > 0 || !sameSet(grants, runningSet) || stopped || failure !== null) await restart(release);
  };

  const report = (error: unknown): void => {
    failure = error;
    options.onError?.(error);
  };

  const tick = async (): Promise<void> => {
    await renew();
    if (!active) return;
    rebalancing ??= rebalance()
      .catch(report)
      .finally(() => {
        rebalancing = null;
      });
  };

  function scheduleTick(delayMs: number): void {
    if (!active) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      ticking = tick()
        .catch(report)
        .finally(() => scheduleTick(tickMs));
    }, delayMs);
  }

  const checkpoints = async (): Promise<bigint> => {
    let lowest: bigint | null = null;
    for (const projector of projectors) {
      const checkpoint = (await store.checkpoint(targetOf(projector))) ?? 0n;
      if (lowest === null || checkpoint < lowest) lowest = checkpoint;
    }
    committed = lowest ?? 0n;
    return committed;
  };

  const stop = async (): Promise<void> => {
    active = false;
    clearTimeout(timer);
    await ticking;
    await rebalancing;
    await restart([...grants.values()]);
    grants.clear();
    runningSet = new Map();
    const self = await leases.acquire(member, owner, ttlMs);
    if (self !== null) await leases.release(self);
  };

  return {
    owner,

    owned: () => [...grants.keys()],

    async catchUp(): Promise<CatchUpResult> {
      await leases.acquire(member, owner, ttlMs);
      const release = await claimShare();
      for (const grant of release) await leases.release(grant);
      const owned = new Map(grants);
      const result =
        owned.size === 0
          ? { position: await checkpoints(), events: 0 }
          : await fenced(owned, () => undefined).catchUp();
      for (const grant of owned.values()) await leases.release(grant);
      grants.clear();
      return result;
    },

    async start(): Promise<void> {
      if (active) return;
      active = true;
      await renew();
      // Workers started together see each other before sharing out: a catch-up in progress is not split.
      await new Promise((resolve) => setTimeout(resolve, tickMs));
      rebalancing = rebalance().finally(() => {
        rebalancing = null;
      });
      await rebalancing;
      scheduleTick(tickMs);
    },

    stop,

    async waitForPosition(position: bigint): Promise<void> {
      // The projections are shared with other processes: wait on the checkpoints every one of them writes.
      while ((await checkpoints()) < position) {
        if (failure !== null) throw new ProjectionsStoppedError(failure);
        await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      }
    },

    position: () => committed,

    failure: () => failure,

    retryParked: (filter = {}) => retryParked({ eventStore, store, projectors, now }, filter),

    async health() {
      const read = await projectionHealth(eventStore, store, projectors);
      const stopped = failure === null ? null : parkingErrorOf(failure);
      return { ...read, healthy: read.healthy && stopped === null, failure: stopped };
    },
  };
}
