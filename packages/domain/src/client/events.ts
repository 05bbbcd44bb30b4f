// The client's event catalogue: a client record of the organisation's customer roster, in its own stream.
import type { ErasureTrigger } from '../lead/erasure-types.js';
import type { ClientId, LeadId, OrgId } from '../shared/ids.js';

/** How a client came to be recorded. */
export const ClientOrigin = { Direct: 'direct', Conversion: 'conversion', Import: 'import' } as const;
export type ClientOrigin = (typeof ClientOrigin)[keyof typeof ClientOrigin];

/** A client's contact details, validated and normalised like a lead's. */
export interface ClientDetails {
  readonly name: string;
  /** Lower-cased and trimmed. */
  readonly email: string | null;
  /** E.164, digits with the country code. */
  readonly phone: string | null;
  readonly company: string | null;
}

export interface ClientCreated {
  readonly type: 'ClientCreated';
  readonly data: ClientDetails & {
    readonly clientId: ClientId;
    readonly orgId: OrgId;
    readonly origin: ClientOrigin;
    /** The lead whose conversion created the client (origin `conversion`), else null. */
    readonly fromLeadId: LeadId | null;
  };
}

export interface ClientUpdated {
  readonly type: 'ClientUpdated';
  /** Only the details that changed; `null` clears email, phone or company. */
  readonly data: { readonly clientId: ClientId; readonly changes: Partial<ClientDetails> };
}

/**
 * The person behind the client record was erased: holds no personal data, only who (metadata), when and
 * why. The runtime deletes the client's key after it, so its name, email and phone read as `[erased]`.
 */
export interface ClientErased {
  readonly type: 'ClientErased';
  readonly data: { readonly clientId: ClientId; readonly reason: string; readonly trigger: ErasureTrigger };
}

export type ClientEvent = ClientCreated | ClientUpdated | ClientErased;
