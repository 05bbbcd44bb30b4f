// A client as its stream folds: absent, or its organisation, details and how it came to be.
import type { ClientId, LeadId, OrgId } from '../shared/ids.js';
import type { ClientDetails, ClientOrigin } from './events.js';

export interface ExistingClientState {
  readonly exists: true;
  readonly clientId: ClientId;
  readonly orgId: OrgId;
  readonly details: ClientDetails;
  readonly origin: ClientOrigin;
  readonly fromLeadId: LeadId | null;
  /** Its personal details were erased: it reads as `[erased]` and takes no update. */
  readonly erased: boolean;
}

export type ClientState = { readonly exists: false } | ExistingClientState;

export const initialClientState: ClientState = { exists: false };
