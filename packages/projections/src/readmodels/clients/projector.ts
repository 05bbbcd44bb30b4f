// The clients projector: the roster from the client streams, and an implicit row for every client id a
// lead names (converted into, linked to, created for) that has no record, so histories written before
// client records existed still list their clients.
import { erasedClientDetails, type ClientDetails, type ClientEvent } from '@leadline/domain';
import type { EventHandlers } from '../../projector/handlers.js';
import { dispatch, handledTypes } from '../../projector/handlers.js';
import type { ProjectedEvent, ProjectionTx, Projector, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { foldText } from '../shared/text.js';
import { clientsTable } from './tables.js';

const TABLE = clientsTable.name;

/** The folded keys of a client's details: its sort key and its searched text. */
const textKeys = (details: ClientDetails): Row => ({
  sort_key: foldText(details.name),
  search_text: [details.name, details.email, details.company]
    .filter((part): part is string => part !== null)
    .map(foldText)
    .join('\n'),
});

const detailsOf = (row: Row): ClientDetails => ({
  name: typeof row['name'] === 'string' ? row['name'] : '',
  email: row['email'] as string | null,
  phone: row['phone'] as string | null,
  company: row['company'] as string | null,
});

/** A lead named this client: record it as implicit unless the organisation already lists it. */
const named = (tx: ProjectionTx, event: ProjectedEvent, clientId: string | null): void => {
  if (clientId === null) return;
  const key = [event.metadata.orgId, clientId];
  if (tx.get(TABLE, key) !== undefined) return;
  const at = event.metadata.occurredAt;
  tx.upsert(TABLE, {
    org_id: event.metadata.orgId,
    client_id: clientId,
    recorded: false,
    origin: 'implicit',
    sort_key: foldText(clientId),
    search_text: foldText(clientId),
    created_at: at,
    updated_at: at,
  });
};

type ClientsEvent = ClientEvent['type'] | 'LeadCreated' | 'ConvertedToClient' | 'LinkedToClient';

const handlers: EventHandlers<ClientsEvent, ProjectionTx> = {
  ClientCreated: (event, tx) => {
    const { data } = event;
    const at = event.metadata.occurredAt;
    tx.upsert(TABLE, {
      org_id: data.orgId,
      client_id: data.clientId,
      recorded: true,
      origin: data.origin,
      from_lead_id: data.fromLeadId,
      name: data.name,
      email: data.email,
      phone: data.phone,
      company: data.company,
      ...textKeys(data),
      created_at: at,
      updated_at: at,
    });
  },
  ClientUpdated: (event, tx) => {
    const key = [event.metadata.orgId, event.data.clientId];
    const row = tx.get(TABLE, key);
    if (row === undefined) return;
    const details = { ...detailsOf(row), ...event.data.changes };
    tx.patch(TABLE, key, { ...event.data.changes, ...textKeys(details), updated_at: event.metadata.occurredAt });
  },
  // What a rebuild makes of the sealed details once the key is gone: the placeholder, company kept.
  ClientErased: (event, tx) => {
    const key = [event.metadata.orgId, event.data.clientId];
    const row = tx.get(TABLE, key);
    if (row === undefined || row['recorded'] === false || row['recorded'] === 0) return;
    const details = erasedClientDetails(detailsOf(row));
    tx.patch(TABLE, key, {
      name: details.name,
      email: details.email,
      phone: details.phone,
      ...textKeys(details),
      updated_at: event.metadata.occurredAt,
    });
  },
  LeadCreated: (event, tx) => named(tx, event, event.data.clientId),
  ConvertedToClient: (event, tx) => named(tx, event, event.data.clientId),
  LinkedToClient: (event, tx) => named(tx, event, event.data.clientId),
};

const clientIdOf = (event: ProjectedEvent): string | null =>
  'clientId' in event.data && typeof event.data.clientId === 'string' ? event.data.clientId : null;

export const clientsProjector: Projector = {
  name: 'clients',
  version: 1,
  handles: handledTypes(handlers),
  tables: [clientsTable],
  prefetch: (event): readonly RowRef[] => {
    const clientId = clientIdOf(event);
    return clientId === null ? [] : [{ table: TABLE, key: [event.metadata.orgId, clientId] }];
  },
  apply(event, tx) {
    dispatch(handlers, event, tx);
  },
};
