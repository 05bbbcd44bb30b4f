// The lease table of the SQLite read-model store: a file several processes open on one machine shares
// that machine's clock, and every write transaction is immediate (one writer at a time), so a fence
// read inside the batch's transaction holds until its commit.
import type Database from 'better-sqlite3';
import {
  LeaseLostError,
  type LeaseFence,
  type LeaseGrant,
  type LeaseHolder,
  type LeaseStore,
} from '@leadline/projections';

export const LEASE_TABLE = `CREATE TABLE IF NOT EXISTS projection_leases (
  lease TEXT PRIMARY KEY, owner TEXT, token INTEGER NOT NULL, expires_at INTEGER NOT NULL)`;

interface LeaseRow {
  readonly lease: string;
  readonly owner: string | null;
  readonly token: number | bigint;
  readonly expires_at: number;
}

export interface SqliteLeases extends LeaseStore {
  /** Inside a batch's immediate transaction: every fence must still carry its token. */
  check(fences: readonly LeaseFence[]): void;
}

export function sqliteLeaseStore(db: Database.Database, now: () => number = Date.now): SqliteLeases {
  db.exec(LEASE_TABLE);
  const acquire = db.prepare<[string, string, number, number], { token: number | bigint; expires_at: number }>(
    `INSERT INTO projection_leases (lease, owner, token, expires_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (lease) DO UPDATE SET
       token = CASE WHEN owner = excluded.owner THEN token ELSE token + 1 END,
       owner = excluded.owner, expires_at = excluded.expires_at
     WHERE owner = excluded.owner OR owner IS NULL OR expires_at <= ?
     RETURNING token, expires_at`,
  );
  const renew = db.prepare<[number, string, string, number | bigint], { expires_at: number }>(
    'UPDATE projection_leases SET expires_at = ? WHERE lease = ? AND owner = ? AND token = ? RETURNING expires_at',
  );
  const release = db.prepare<[number, string, string, number | bigint]>(
    'UPDATE projection_leases SET owner = NULL, expires_at = ? WHERE lease = ? AND owner = ? AND token = ?',
  );
  const list = db.prepare<[number, string], LeaseRow>(
    'SELECT lease, owner, token, expires_at FROM projection_leases WHERE substr(lease, 1, ?) = ? ORDER BY lease',
  );
  const token = db.prepare<[string], { token: number | bigint }>('SELECT token FROM projection_leases WHERE lease = ?');
  return {
    async acquire(lease: string, owner: string, ttlMs: number): Promise<LeaseGrant | null> {
      const at = now();
      const row = db.transaction(() => acquire.get(lease, owner, at + Math.round(ttlMs), at)).immediate();
      return row === undefined ? null : { lease, owner, token: BigInt(row.token), expiresAt: new Date(row.expires_at) };
    },
    async renew(grant: LeaseGrant, ttlMs: number): Promise<LeaseGrant | null> {
      const row = renew.get(now() + Math.round(ttlMs), grant.lease, grant.owner, grant.token);
      return row === undefined ? null : { ...grant, expiresAt: new Date(row.expires_at) };
    },
    async release(grant: LeaseGrant): Promise<void> {
      release.run(now(), grant.lease, grant.owner, grant.token);
    },
    async list(prefix = ''): Promise<LeaseHolder[]> {
      const at = now();
      return list.all(prefix.length, prefix).map((row) => ({
        lease: row.lease,
        owner: row.owner,
        token: BigInt(row.token),
        expiresAt: new Date(row.expires_at),
        held: row.owner !== null && row.expires_at > at,
      }));
    },
    check(fences: readonly LeaseFence[]): void {
      for (const fence of fences) {
        const held = token.get(fence.lease);
        if (held === undefined || BigInt(held.token) !== fence.token) throw new LeaseLostError(fence.lease);
      }
    },
  };
}
