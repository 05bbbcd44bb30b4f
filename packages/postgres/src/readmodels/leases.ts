// The lease table of the PostgreSQL read-model store: expiry judged by the server's clock, so the
// processes' clocks need not agree. A batch's fence is a key-share lock on its lease row: a takeover
// locks the row for update first, so it waits for the batches in flight and every later batch of the old
// owner sees the new token; a renewal only updates the expiry, which a key-share lock does not block.
import type { Pool, PoolClient } from 'pg';
import {
  LeaseLostError,
  type LeaseFence,
  type LeaseGrant,
  type LeaseHolder,
  type LeaseStore,
} from '@leadline/projections';

/** How long a takeover waits for the old owner's batch in flight before trying again at the next tick. */
const TAKEOVER_LOCK_TIMEOUT = '2s';
const LOCK_NOT_AVAILABLE = '55P03';

export const leaseTableSql = (schema: string): string =>
  `CREATE TABLE IF NOT EXISTS "${schema}".projection_leases (
     lease text PRIMARY KEY, owner text, token bigint NOT NULL, expires_at timestamptz NOT NULL)`;

const leaseSql = (schema: string) => ({
  lockRow: `SELECT 1 FROM "${schema}".projection_leases WHERE lease = $1 FOR UPDATE`,
  renew: `UPDATE "${schema}".projection_leases SET expires_at = clock_timestamp() + $4 * interval '1 millisecond'
     WHERE lease = $1 AND owner = $2 AND token = $3 RETURNING expires_at`,
  acquire: `INSERT INTO "${schema}".projection_leases AS held (lease, owner, token, expires_at)
     VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond')
     ON CONFLICT (lease) DO UPDATE SET
       token = CASE WHEN held.owner = excluded.owner THEN held.token ELSE held.token + 1 END,
       owner = excluded.owner, expires_at = excluded.expires_at
     WHERE held.owner = excluded.owner OR held.owner IS NULL OR held.expires_at <= clock_timestamp()
     RETURNING token::text AS token, expires_at`,
  release: `UPDATE "${schema}".projection_leases SET owner = NULL, expires_at = clock_timestamp()
     WHERE lease = $1 AND owner = $2 AND token = $3`,
  list: `SELECT lease, owner, token::text AS token, expires_at,
       (owner IS NOT NULL AND expires_at > clock_timestamp()) AS held
     FROM "${schema}".projection_leases WHERE left(lease, length($1)) = $1 ORDER BY lease`,
  fence: `SELECT 1 FROM "${schema}".projection_leases WHERE lease = $1 AND token = $2 FOR KEY SHARE`,
});

const isLockTimeout = (error: unknown): boolean => (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE;

export function postgresLeaseStore(pool: Pool, schema: string): LeaseStore {
  const sql = leaseSql(schema);
  return {
    async acquire(lease: string, owner: string, ttlMs: number): Promise<LeaseGrant | null> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // A takeover waits for the old owner's batches in flight, but gives up on a stalled one and tries later.
        await client.query(`SET LOCAL lock_timeout = '${TAKEOVER_LOCK_TIMEOUT}'`);
        await client.query(sql.lockRow, [lease]);
        const row = (
          await client.query<{ token: string; expires_at: Date }>(sql.acquire, [lease, owner, Math.round(ttlMs)])
        ).rows[0];
        await client.query('COMMIT');
        return row === undefined ? null : { lease, owner, token: BigInt(row.token), expiresAt: row.expires_at };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (isLockTimeout(error)) return null;
        throw error;
      } finally {
        client.release();
      }
    },

    async renew(grant: LeaseGrant, ttlMs: number): Promise<LeaseGrant | null> {
      const { rows } = await pool.query<{ expires_at: Date }>(sql.renew, [
        grant.lease,
        grant.owner,
        grant.token.toString(),
        Math.round(ttlMs),
      ]);
      const row = rows[0];
      return row === undefined ? null : { ...grant, expiresAt: row.expires_at };
    },

    async release(grant: LeaseGrant): Promise<void> {
      await pool.query(sql.release, [grant.lease, grant.owner, grant.token.toString()]);
    },

    async list(prefix = ''): Promise<LeaseHolder[]> {
      const { rows } = await pool.query<{
        lease: string;
        owner: string | null;
        token: string;
        expires_at: Date;
        held: boolean;
      }>(sql.list, [prefix]);
      return rows.map((row) => ({
        lease: row.lease,
        owner: row.owner,
        token: BigInt(row.token),
        expiresAt: row.expires_at,
        held: row.held,
      }));
    },
  };
}

/** Inside a batch's transaction: every fence must still carry its token, held until the commit. */
export async function checkFences(client: PoolClient, schema: string, fences: readonly LeaseFence[]): Promise<void> {
  const sql = leaseSql(schema);
  for (const fence of [...fences].sort((a, b) => (a.lease < b.lease ? -1 : 1))) {
    const held = await client.query(sql.fence, [fence.lease, fence.token.toString()]);
    if (held.rowCount === 0) throw new LeaseLostError(fence.lease);
  }
}
