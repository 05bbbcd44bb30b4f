// How each client event changes the client's state.
import { match } from 'ts-pattern';
import { ERASED_VALUE } from '../lead/erasure-types.js';
import type { ClientDetails, ClientEvent } from './events.js';
import type { ClientState } from './state.js';

/** The details with every personal field replaced (the company stays, as a lead's does). */
export const erasedClientDetails = (details: ClientDetails): ClientDetails => ({
  ...details,
  name: ERASED_VALUE,
  email: details.email === null ? null : ERASED_VALUE,
  phone: details.phone === null ? null : ERASED_VALUE,
});

export const evolveClient = (state: ClientState, event: ClientEvent): ClientState =>
  match(event)
    .returnType<ClientState>()
    .with({ type: 'ClientCreated' }, ({ data }) => ({
      exists: true,
      clientId: data.clientId,
      orgId: data.orgId,
      details: { name: data.name, email: data.email, phone: data.phone, company: data.company },
      origin: data.origin,
      fromLeadId: data.fromLeadId,
      erased: false,
    }))
    .with({ type: 'ClientUpdated' }, ({ data }) =>
      state.exists ? { ...state, details: { ...state.details, ...data.changes } } : state,
    )
    .with({ type: 'ClientErased' }, () =>
      state.exists ? { ...state, erased: true, details: erasedClientDetails(state.details) } : state,
    )
    .exhaustive();
