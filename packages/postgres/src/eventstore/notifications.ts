// LISTEN for append notifications on one dedicated connection, held only while subscriptions wait;
// a lost connection is dropped and taken again later, and the fallback poll covers the gap.
import type { Pool, PoolClient } from 'pg';
import type { ChangeSignal } from '@leadline/eventstore';

export interface NotificationListener {
  /** Makes sure a connection is listening (best effort: on failure the subscription polls). */
  ensureListening(): Promise<void>;
  close(): Promise<void>;
}

export function notificationListener(
  pool: Pool,
  schema: string,
  channel: string,
  changes: ChangeSignal,
): NotificationListener {
  const listeners = `"${schema}".notification_listeners`;
  let listening: PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;

  /** Destroys the connection rather than pooling it: it is still LISTENing. */
  function drop(connection: PoolClient, error?: Error): void {
    if (listening === connection) listening = undefined;
    connection.removeAllListeners('notification');
    connection.release(error ?? true);
  }

  /** Appends NOTIFY only while a listener is registered; dead sessions' rows are cleared on the way. */
  const register = (connection: PoolClient) =>
    connection.query(
      `WITH gone AS (DELETE FROM ${listeners} WHERE pid NOT IN (SELECT pid FROM pg_stat_activity))
       INSERT INTO ${listeners} (pid) VALUES (pg_backend_pid()) ON CONFLICT (pid) DO NOTHING`,
    );

  async function listen(): Promise<void> {
    const connection = await pool.connect();
    connection.on('notification', () => changes.notify());
    connection.on('error', (error: Error) => {
      drop(connection, error);
      // Whatever arrived while the connection was failing is found by the next read.
      changes.notify();
    });
    try {
      await connection.query(`LISTEN "${channel}"`);
      await register(connection);
    } catch (error) {
      drop(connection, error instanceof Error ? error : undefined);
      throw error;
    }
    if (closed) drop(connection);
    else listening = connection;
  }

  return {
    async ensureListening() {
      if (closed || listening !== undefined) return;
      connecting ??= listen().finally(() => (connecting = undefined));
      try {
        await connecting;
      } catch {
        // The poll interval bounds the delay until the next look.
      }
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      const connection = listening;
      if (connection === undefined) return;
      await connection.query(`DELETE FROM ${listeners} WHERE pid = pg_backend_pid()`).catch(() => undefined);
      drop(connection);
    },
  };
}
