// The contact key table, in the event store's own schema: made by the event store's migrations (so an
// append can store new contacts' keys in its transaction) and by the key store when it opens first.

/** The table and its index, for a schema already checked to be a plain identifier. */
export const keyTableSql = (schema: string): string => `
  CREATE TABLE IF NOT EXISTS "${schema}".personal_data_keys (
    key_id uuid PRIMARY KEY,
    contact_id text NOT NULL,
    key bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS personal_data_keys_contact ON "${schema}".personal_data_keys (contact_id);`;
