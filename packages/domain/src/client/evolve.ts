// How each client event changes the client's state.
import { match } from 'ts-pattern';
import type { ClientEvent } from './events.js';
import type { ClientState } from './state.js';

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
    }))
    .with({ type: 'ClientUpdated' }, ({ data }) =>
      state.exists ? { ...state, details: { ...state.details, ...data.changes } } : state,
    )
    .exhaustive();
