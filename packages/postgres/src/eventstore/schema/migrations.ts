// The PostgreSQL event store's schema, as ordered migrations over a schema name. Never edit a released
// migration: a database written by an older version is brought up to date by the ones it lacks.

import { keyTableSql } from '../../keys/key-table.js';

export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  /** The SQL for the schema `schema` (already checked to be a plain identifier). */
  sql(schema: string): string;
}

/** The channel appends NOTIFY on and subscribers LISTEN to; one per schema. */
export const notificationChannel = (schema: string): string => `leadline_events_${schema}`;

/** The transaction-level advisory lock every append and delete of one schema takes (SQL expression). */
const appendLockKey = (schema: string): string => `hashtext('leadline-event-store-appends:${schema}')`;

export const postgresEventStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'events, tombstones',
    sql: (schema) => `
      CREATE TABLE "${schema}".events (
        position    bigint PRIMARY KEY,
        stream_name text   NOT NULL,
        revision    bigint NOT NULL,
        event_id    uuid   NOT NULL,
        type        text   NOT NULL,
        -- json, not jsonb: stored as given and returned without conversion; read models do the querying.
        data        json   NOT NULL,
        metadata    json   NOT NULL,
        CONSTRAINT events_stream_revision UNIQUE (stream_name, revision),
        CONSTRAINT events_event_id UNIQUE (event_id)
      );
      CREATE TABLE "${schema}".stream_tombstones (
        stream_name text   PRIMARY KEY,
        revision    bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'append and delete functions, notification listeners',
    sql: (schema) => `
      -- The server sessions LISTENing for appends (a subscriber's store registers its connection).
      -- A row left by a crashed process only costs needless NOTIFYs until the next listener clears it.
      CREATE TABLE "${schema}".notification_listeners (
        pid        integer     PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now()
      );

      -- The optimistic-concurrency rule (ExpectedRevision), checked in the same transaction as the write.
      CREATE FUNCTION "${schema}".expected_revision_holds(p_expected text, p_expected_revision bigint, p_actual bigint)
      RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
        SELECT CASE p_expected
          WHEN 'any' THEN true
          WHEN 'no_stream' THEN p_actual IS NULL
          WHEN 'stream_exists' THEN p_actual IS NOT NULL
          ELSE p_actual IS NOT NULL AND p_actual = p_expected_revision
        END
      $fn$;

      -- The whole append in one round trip. Returns:
      --   ('deleted')                  the stream is tombstoned;
      --   ('stored', ids...)           some event ids are stored already (the client tells retry from conflict);
      --   ('wrong_revision', actual)   the expected revision does not hold;
      --   ('appended', revision, position).
      CREATE FUNCTION "${schema}".append_events(
        p_stream text, p_expected text, p_expected_revision bigint, p_check_ids boolean, p_events json
      ) RETURNS TABLE (outcome text, revision bigint, "position" bigint, event_id uuid, stream_name text)
      LANGUAGE plpgsql
      -- Plans for this call's values: a generic plan made while the table was empty scans it for ever.
      SET plan_cache_mode = force_custom_plan
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_head bigint;
        v_actual bigint;
        v_count int := json_array_length(p_events);
      BEGIN
        -- Every append holds this lock until it commits, so appends commit in position order and a reader
        -- of position > checkpoint never misses an event that commits later. An advisory lock, not a
        -- counter row: a row updated per append piles up versions behind any long-running transaction.
        PERFORM pg_advisory_xact_lock(${appendLockKey(schema)});
        SELECT coalesce(max(e.position), 0) INTO v_head FROM "${schema}".events e;
        IF EXISTS (SELECT 1 FROM "${schema}".stream_tombstones t WHERE t.stream_name = p_stream) THEN
          RETURN QUERY SELECT 'deleted', NULL::bigint, NULL::bigint, NULL::uuid, NULL::text;
          RETURN;
        END IF;
        IF p_check_ids THEN
          RETURN QUERY
            SELECT 'stored', e.revision, e.position, e.event_id, e.stream_name
            FROM "${schema}".events e
            -- = ANY of an array, not IN (subquery): an index probe per id, never a scan of the table.
            WHERE e.event_id = ANY (ARRAY(SELECT (j.value->>'eventId')::uuid FROM json_array_elements(p_events) j));
          IF FOUND THEN RETURN; END IF;
        END IF;
        SELECT max(e.revision) INTO v_actual FROM "${schema}".events e WHERE e.stream_name = p_stream;
        IF NOT "${schema}".expected_revision_holds(p_expected, p_expected_revision, v_actual) THEN
          RETURN QUERY SELECT 'wrong_revision', v_actual, NULL::bigint, NULL::uuid, NULL::text;
          RETURN;
        END IF;
        IF v_count = 0 THEN
          RETURN QUERY SELECT 'appended', coalesce(v_actual, -1),
            coalesce((SELECT e.position FROM "${schema}".events e WHERE e.stream_name = p_stream AND e.revision = v_actual), 0),
            NULL::uuid, NULL::text;
          RETURN;
        END IF;
        INSERT INTO "${schema}".events (position, stream_name, revision, event_id, type, data, metadata)
        SELECT v_head + j.ordinality, p_stream, coalesce(v_actual, -1) + j.ordinality,
               (j.value->>'eventId')::uuid, j.value->>'type', j.value->'data', j.value->'metadata'
        FROM json_array_elements(p_events) WITH ORDINALITY AS j(value, ordinality);
        -- NOTIFY costs every commit a trip through the server's notification queue: only when someone listens.
        IF EXISTS (SELECT 1 FROM "${schema}".notification_listeners) THEN
          PERFORM pg_notify('${notificationChannel(schema)}', (v_head + v_count)::text);
        END IF;
        RETURN QUERY SELECT 'appended', coalesce(v_actual, -1) + v_count, v_head + v_count, NULL::uuid, NULL::text;
      END
      $fn$;

      -- Tombstones a stream under the same lock as appends. Returns ('deleted') or
      -- ('wrong_revision', actual), or ('tombstoned', actual).
      CREATE FUNCTION "${schema}".delete_stream(p_stream text, p_expected text, p_expected_revision bigint)
      RETURNS TABLE (outcome text, revision bigint)
      LANGUAGE plpgsql AS $fn$
      #variable_conflict use_column
      DECLARE
        v_actual bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLockKey(schema)});
        IF EXISTS (SELECT 1 FROM "${schema}".stream_tombstones t WHERE t.stream_name = p_stream) THEN
          RETURN QUERY SELECT 'deleted', NULL::bigint;
          RETURN;
        END IF;
        SELECT max(e.revision) INTO v_actual FROM "${schema}".events e WHERE e.stream_name = p_stream;
        IF NOT "${schema}".expected_revision_holds(p_expected, p_expected_revision, v_actual) THEN
          RETURN QUERY SELECT 'wrong_revision', v_actual;
          RETURN;
        END IF;
        INSERT INTO "${schema}".stream_tombstones (stream_name, revision) VALUES (p_stream, coalesce(v_actual, -1));
        RETURN QUERY SELECT 'tombstoned', v_actual;
      END
      $fn$;
    `,
  },
  {
    version: 3,
    name: 'append_events: stored ids looked up only when an append cannot go ahead; plans cached',
    sql: (schema) => `
      -- Same contract as version 2. The happy path no longer asks for stored ids: an id stored already
      -- either fails the revision check (an exact retry finds the stream moved on), which looks them up
      -- here, or fails the unique index on event_id, which the client answers by looking them up. With
      -- no statement left whose plan depends on the table's size, plans are cached per session instead
      -- of being made on every call (planning was a third of an append's time on a quiet machine).
      CREATE OR REPLACE FUNCTION "${schema}".append_events(
        p_stream text, p_expected text, p_expected_revision bigint, p_check_ids boolean, p_events json
      ) RETURNS TABLE (outcome text, revision bigint, "position" bigint, event_id uuid, stream_name text)
      LANGUAGE plpgsql
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_head bigint;
        v_actual bigint;
        v_count int := json_array_length(p_events);
        v_id uuid;
        v_stored boolean := false;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLockKey(schema)});
        SELECT coalesce(max(e.position), 0) INTO v_head FROM "${schema}".events e;
        IF EXISTS (SELECT 1 FROM "${schema}".stream_tombstones t WHERE t.stream_name = p_stream) THEN
          RETURN QUERY SELECT 'deleted', NULL::bigint, NULL::bigint, NULL::uuid, NULL::text;
          RETURN;
        END IF;
        SELECT max(e.revision) INTO v_actual FROM "${schema}".events e WHERE e.stream_name = p_stream;
        IF NOT "${schema}".expected_revision_holds(p_expected, p_expected_revision, v_actual) THEN
          IF p_check_ids THEN
            -- One equality probe per id: its cached plan is an index scan whatever the table's size.
            FOR v_id IN SELECT (j.value->>'eventId')::uuid FROM json_array_elements(p_events) j LOOP
              RETURN QUERY SELECT 'stored', e.revision, e.position, e.event_id, e.stream_name FROM "${schema}".events e WHERE e.event_id = v_id;
              v_stored := v_stored OR FOUND;
            END LOOP;
            IF v_stored THEN RETURN; END IF;
          END IF;
          RETURN QUERY SELECT 'wrong_revision', v_actual, NULL::bigint, NULL::uuid, NULL::text;
          RETURN;
        END IF;
        IF v_count = 0 THEN
          RETURN QUERY SELECT 'appended', coalesce(v_actual, -1),
            coalesce((SELECT e.position FROM "${schema}".events e WHERE e.stream_name = p_stream AND e.revision = v_actual), 0),
            NULL::uuid, NULL::text;
          RETURN;
        END IF;
        -- A stored id fails the unique index here and the whole statement rolls back.
        INSERT INTO "${schema}".events (position, stream_name, revision, event_id, type, data, metadata)
        SELECT v_head + j.ordinality, p_stream, coalesce(v_actual, -1) + j.ordinality,
               (j.value->>'eventId')::uuid, j.value->>'type', j.value->'data', j.value->'metadata'
        FROM json_array_elements(p_events) WITH ORDINALITY AS j(value, ordinality);
        IF EXISTS (SELECT 1 FROM "${schema}".notification_listeners) THEN
          PERFORM pg_notify('${notificationChannel(schema)}', (v_head + v_count)::text);
        END IF;
        RETURN QUERY SELECT 'appended', coalesce(v_actual, -1) + v_count, v_head + v_count, NULL::uuid, NULL::text;
      END
      $fn$;
    `,
  },
  {
    version: 4,
    name: 'append_to_streams: several streams appended in one statement',
    sql: (schema) => `
      -- EventStore.appendToStreams part after part, each as append_events decides it: the way when some
      -- part does not pass the checks, to say exactly why. A part that cannot go ahead raises SQLSTATE
      -- LLA01 with DETAIL {"part", "outcome", "revision"} (outcome 'deleted', 'wrong_revision', or
      -- 'id_conflict' for ids stored otherwise than as an exact retry of the part), so the statement rolls
      -- back whole. Returns per part ('appended', revision, position), or the stored rows of an exact
      -- retry ('stored', ...).
      CREATE FUNCTION "${schema}".append_to_streams_one_by_one(p_appends json)
      RETURNS TABLE (part int, outcome text, revision bigint, "position" bigint, event_id uuid, stream_name text)
      LANGUAGE plpgsql
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_part json;
        v_index int := 0;
        v_row record;
        v_outcome text;
        v_revision bigint;
        v_stored int;
        v_foreign boolean;
      BEGIN
        FOR v_part IN SELECT j.value FROM json_array_elements(p_appends) j LOOP
          v_outcome := NULL;
          v_stored := 0;
          v_foreign := false;
          FOR v_row IN
            SELECT * FROM "${schema}".append_events(
              v_part->>'stream', v_part->>'expected', (v_part->>'expectedRevision')::bigint,
              (v_part->>'checkIds')::boolean, v_part->'events')
          LOOP
            v_outcome := v_row.outcome;
            v_revision := v_row.revision;
            IF v_row.outcome = 'stored' THEN
              v_stored := v_stored + 1;
              v_foreign := v_foreign OR v_row.stream_name <> v_part->>'stream';
            END IF;
            part := v_index; outcome := v_row.outcome; revision := v_row.revision;
            "position" := v_row."position"; event_id := v_row.event_id; stream_name := v_row.stream_name;
            RETURN NEXT;
          END LOOP;
          IF v_outcome = 'stored' AND (v_foreign OR v_stored <> json_array_length(v_part->'events')) THEN
            v_outcome := 'id_conflict';
          END IF;
          IF v_outcome IN ('deleted', 'wrong_revision', 'id_conflict') THEN
            RAISE EXCEPTION 'append_to_streams: part % cannot be appended (%)', v_index, v_outcome
              USING ERRCODE = 'LLA01',
                    DETAIL = json_build_object('part', v_index, 'outcome', v_outcome, 'revision', v_revision::text)::text;
          END IF;
          v_index := v_index + 1;
        END LOOP;
      END
      $fn$;

      -- EventStore.appendToStreams in one round trip: p_appends is a JSON array of { stream, expected,
      -- expectedRevision, checkIds, events }. When every part is on a live stream at its expected
      -- revision, all events go in with one INSERT (a call of append_events per part cost a batch of
      -- 500 import rows ~400 ms); otherwise append_to_streams_one_by_one says which part fails and why,
      -- or finds exact retries. A stored id among new events fails the unique index: the client answers.
      CREATE FUNCTION "${schema}".append_to_streams(p_appends json)
      RETURNS TABLE (part int, outcome text, revision bigint, "position" bigint, event_id uuid, stream_name text)
      LANGUAGE plpgsql
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_head bigint;
        v_count bigint;
        v_all_hold boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(${appendLockKey(schema)});
        SELECT bool_and(NOT EXISTS (SELECT 1 FROM "${schema}".stream_tombstones t WHERE t.stream_name = p.value->>'stream')
                        AND "${schema}".expected_revision_holds(p.value->>'expected', (p.value->>'expectedRevision')::bigint,
                              (SELECT max(e.revision) FROM "${schema}".events e WHERE e.stream_name = p.value->>'stream'))),
               coalesce(sum(json_array_length(p.value->'events')), 0)
        INTO v_all_hold, v_count
        FROM json_array_elements(p_appends) p;
        IF NOT coalesce(v_all_hold, true) THEN
          RETURN QUERY SELECT * FROM "${schema}".append_to_streams_one_by_one(p_appends);
          RETURN;
        END IF;
        SELECT coalesce(max(e.position), 0) INTO v_head FROM "${schema}".events e;
        RETURN QUERY
          WITH parts AS (
            SELECT (p.ordinality - 1)::int AS part, p.value->>'stream' AS stream, p.value->'events' AS events,
                   (SELECT max(e.revision) FROM "${schema}".events e WHERE e.stream_name = p.value->>'stream') AS actual
            FROM json_array_elements(p_appends) WITH ORDINALITY AS p
          ), numbered AS (
            SELECT parts.part, parts.stream, coalesce(parts.actual, -1) + j.ordinality AS revision, j.value AS event,
                   row_number() OVER (ORDER BY parts.part, j.ordinality) AS n
            FROM parts, json_array_elements(parts.events) WITH ORDINALITY AS j
          ), inserted AS (
            INSERT INTO "${schema}".events (position, stream_name, revision, event_id, type, data, metadata)
            SELECT v_head + numbered.n, numbered.stream, numbered.revision, (numbered.event->>'eventId')::uuid,
                   numbered.event->>'type', numbered.event->'data', numbered.event->'metadata'
            FROM numbered
            RETURNING events.stream_name AS stream, events.revision AS revision, events.position AS position
          ), last AS (
            SELECT inserted.stream, max(inserted.revision) AS revision, max(inserted.position) AS position
            FROM inserted GROUP BY inserted.stream
          )
          SELECT parts.part, 'appended'::text,
                 coalesce(last.revision, parts.actual, -1),
                 coalesce(last.position,
                          (SELECT e.position FROM "${schema}".events e WHERE e.stream_name = parts.stream AND e.revision = parts.actual),
                          0),
                 NULL::uuid, NULL::text
          FROM parts LEFT JOIN last ON last.stream = parts.stream
          ORDER BY parts.part;
        IF v_count > 0 AND EXISTS (SELECT 1 FROM "${schema}".notification_listeners) THEN
          PERFORM pg_notify('${notificationChannel(schema)}', (v_head + v_count)::text);
        END IF;
      END
      $fn$;
    `,
  },
  {
    version: 5,
    name: 'contact keys beside the events',
    // The key table sealing uses (docs/privacy.md), here so an append can store a new contact's key in
    // its own transaction; the key store makes the same table when it opens first.
    sql: keyTableSql,
  },
];

export const POSTGRES_EVENT_STORE_SCHEMA_VERSION = postgresEventStoreMigrations.length;
