// Leases held in the read-model database: one owner per piece of work (a projection, a reactor) at a
// time, a fencing token that grows with every change of owner, and an expiry after which another
// process may take the work over. Writes of leased work name their token and commit only while it holds.

/** The bound within which a live process takes over the work of a dead one, unless configured. */
export const DEFAULT_TAKEOVER_WITHIN_MS = 10_000;

/** What a write must still hold when it commits: the lease and the token it was granted. */
export interface LeaseFence {
  readonly lease: string;
  readonly token: bigint;
}

/** A lease this owner holds until `expiresAt` unless it renews it. */
export interface LeaseGrant extends LeaseFence {
  readonly owner: string;
  readonly expiresAt: Date;
}

/** A lease as the database holds it; `held` is false once it expired or was released. */
export interface LeaseHolder {
  readonly lease: string;
  readonly owner: string | null;
  readonly token: bigint;
  readonly expiresAt: Date;
  readonly held: boolean;
}

/** The lease table of a read-model store. Expiry is judged by the database's clock where it has one. */
export interface LeaseStore {
  /**
   * Takes the lease for `owner` for `ttlMs` when it is free, expired or already this owner's; renewing
   * keeps the token, a change of owner increments it. Null when another owner holds it.
   */
  acquire(lease: string, owner: string, ttlMs: number): Promise<LeaseGrant | null>;
  /**
   * Extends a grant this owner holds, keeping its token; null when the lease changed hands meanwhile.
   * Never waits for the owner's own batches in flight (a renewal must not lapse behind a long batch).
   */
  renew(grant: LeaseGrant, ttlMs: number): Promise<LeaseGrant | null>;
  /** Gives the lease up at once so another process may take it; nothing when the grant is not current. */
  release(grant: LeaseGrant): Promise<void>;
  /** The leases whose names start with `prefix` (all of them by default), by name. */
  list(prefix?: string): Promise<LeaseHolder[]>;
}

/** A lease's name for a projector version: versions built beside each other are leased apart. */
export const projectionLeaseName = (target: { readonly name: string; readonly version: number }): string =>
  `projection:${target.name}:v${target.version}`;

/** The lease every worker of a group holds on itself, so the others can count the group. */
export const memberLeaseName = (group: string, owner: string): string => `member:${group}:${owner}`;
