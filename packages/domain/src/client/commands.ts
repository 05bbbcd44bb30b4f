// What users ask of a client record.
import type { ClientId, LeadId } from '../shared/ids.js';
import type { ErasureTrigger } from '../lead/erasure-types.js';
import type { ClientOrigin } from './events.js';

/** Details as a caller gives them: trimmed, normalised and checked by the decider. */
export interface ClientDetailsInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly company?: string | null;
}

export interface CreateClient {
  readonly type: 'CreateClient';
  readonly clientId: ClientId;
  readonly details: ClientDetailsInput;
  /** `direct` unless given. */
  readonly origin?: ClientOrigin;
  /** With origin `conversion`: the lead converted into this new client. */
  readonly fromLeadId?: LeadId;
}

export interface UpdateClient {
  readonly type: 'UpdateClient';
  readonly clientId: ClientId;
  readonly changes: ClientDetailsInput;
}

/** Erase the personal details of a client record (right to erasure); an erased client takes no update. */
export interface EraseClient {
  readonly type: 'EraseClient';
  readonly clientId: ClientId;
  /** Why, for the record; it is stored plain, so it must name no one. */
  readonly reason: string;
  readonly trigger?: ErasureTrigger;
}

export type ClientCommand = CreateClient | UpdateClient | EraseClient;
export type ClientCommandType = ClientCommand['type'];
