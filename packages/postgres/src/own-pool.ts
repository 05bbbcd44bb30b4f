// The pool a store opens for itself when given a connection string instead of a pool.
import { Pool } from 'pg';

export function ownPool(connectionString: string | undefined): Pool {
  const pool = new Pool({ connectionString });
  // An idle connection the server closed (a restart, an administrator's pg_terminate_backend) emits
  // 'error' on the pool, and an 'error' nobody listens to ends the Node process. The pool has already
  // dropped that connection and the next query opens a new one; a query's own failure reaches its
  // caller as StoreUnavailableError. A pool you pass in is yours to listen to.
  pool.on('error', () => undefined);
  return pool;
}
