// The client decider: a client is created once (directly, by import, or by converting a lead into a new
// client) and its details change; `requireKnownClient` is the rule every link to a client follows.
import { match } from 'ts-pattern';
import type { CommandContext } from '../shared/context.js';
import { fold, type Decider } from '../shared/decider.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import type { ClientId, OrgId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { throwIfAny, type Issues } from '../validation/issues.js';
import { checkEmail, checkPhone } from '../validation/lead-fields.js';
import { optionalText, requiredText, TEXT_LIMITS } from '../validation/text.js';
import { defaultOrganisationSettings } from '../organisation/defaults.js';
import { checkErasure } from '../lead/erasure.js';
import type { ClientCommand, ClientDetailsInput, CreateClient, EraseClient, UpdateClient } from './commands.js';
import { ClientOrigin, type ClientDetails, type ClientEvent } from './events.js';
import { evolveClient } from './evolve.js';
import { initialClientState, type ClientState, type ExistingClientState } from './state.js';

/**
 * A lead may only be converted into (mode "merged") or linked to a client recorded in the actor's
 * organisation. Another organisation's client reads as no client at all.
 */
export const requireKnownClient = (
  state: ClientState,
  clientId: ClientId,
  orgId: OrgId,
  field = 'clientId',
): ExistingClientState =>
  state.exists && state.orgId === orgId
    ? state
    : refuse(
        DomainErrorCode.NotFound,
        field,
        'existing-client',
        `There is no client ${clientId} in this organisation: create it first, or convert with mode "new".`,
      );

const ORIGINS: readonly string[] = Object.values(ClientOrigin);

export const decideClient = (command: ClientCommand, state: ClientState, context: CommandContext): ClientEvent[] =>
  match(command)
    .returnType<ClientEvent[]>()
    .with({ type: 'CreateClient' }, (c) => decideCreate(c, state, context))
    .with({ type: 'UpdateClient' }, (c) => decideUpdate(c, state, context))
    .with({ type: 'EraseClient' }, (c) => decideErase(c, state, context))
    .exhaustive();

function decideCreate(command: CreateClient, state: ClientState, context: CommandContext): ClientEvent[] {
  // Typed, but a JSON caller may send anything: refused by name rather than stored.
  const origin: string = command.origin ?? ClientOrigin.Direct;
  if (!ORIGINS.includes(origin)) refuse(DomainErrorCode.Validation, 'origin', 'known-origin', originMessage(origin));
  const converting = origin === ClientOrigin.Conversion;
  if (converting !== (command.fromLeadId !== undefined)) {
    refuse(
      DomainErrorCode.Validation,
      'fromLeadId',
      'with-conversion-only',
      'fromLeadId names the converted lead: give it with origin "conversion", and only then.',
    );
  }
  requirePermission(
    context,
    converting ? Permission.EditLeads : Permission.CreateLeads,
    converting ? 'convert a lead into a new client' : 'create a client',
  );
  if (state.exists) {
    // The same conversion run again after it stopped part-way: the client it created is taken as is.
    const sameConversion = converting && state.orgId === context.orgId && state.fromLeadId === command.fromLeadId;
    if (sameConversion) return [];
    refuse(
      DomainErrorCode.AlreadyExists,
      'clientId',
      'new-client-id',
      `Client id ${command.clientId} is already taken: merge into that client (mode "merged") or choose another id.`,
    );
  }
  const issues: Issues = [];
  const details = checkDetails(issues, command.details, context);
  throwIfAny(issues);
  return [
    {
      type: 'ClientCreated',
      data: {
        clientId: command.clientId,
        orgId: context.orgId,
        ...details,
        origin: origin as ClientOrigin,
        fromLeadId: command.fromLeadId ?? null,
      },
    },
  ];
}

function decideUpdate(command: UpdateClient, state: ClientState, context: CommandContext): ClientEvent[] {
  if (!state.exists) {
    return refuse(DomainErrorCode.NotFound, 'clientId', 'must-exist', `There is no client ${command.clientId}.`);
  }
  requireSameOrganisation(state.orgId, context, 'clientId');
  requirePermission(context, Permission.EditLeads, 'change a client');
  if (state.erased) {
    refuse(
      DomainErrorCode.ContactErased,
      'clientId',
      'not-erased',
      `The person behind client ${command.clientId} was erased; the record takes no update.`,
    );
  }
  const issues: Issues = [];
  const given = command.changes;
  const proposed: Partial<Record<keyof ClientDetails, string | null>> = {};
  if (given.name !== undefined) proposed.name = requiredText(issues, 'name', given.name, TEXT_LIMITS.name);
  if (given.email !== undefined) proposed.email = checkEmail(issues, given.email);
  if (given.phone !== undefined) proposed.phone = checkPhone(issues, given.phone, settingsOf(context));
  if (given.company !== undefined)
    proposed.company = optionalText(issues, 'company', given.company, TEXT_LIMITS.company);
  throwIfAny(issues);
  const changes = Object.fromEntries(
    Object.entries(proposed).filter(([key, value]) => state.details[key as keyof ClientDetails] !== value),
  ) as Partial<ClientDetails>;
  return Object.keys(changes).length === 0
    ? []
    : [{ type: 'ClientUpdated', data: { clientId: command.clientId, changes } }];
}

/** Like a lead's erasure: an administrator's act, any client of the organisation; a repeat decides nothing. */
function decideErase(command: EraseClient, state: ClientState, context: CommandContext): ClientEvent[] {
  if (!state.exists) {
    return refuse(DomainErrorCode.NotFound, 'clientId', 'must-exist', `There is no client ${command.clientId}.`);
  }
  requireSameOrganisation(state.orgId, context, 'clientId');
  requirePermission(context, Permission.AdminOrganisation, 'erase personal data');
  const { reason, trigger } = checkErasure(command);
  if (state.erased) return [];
  return [{ type: 'ClientErased', data: { clientId: command.clientId, reason, trigger } }];
}

const settingsOf = (context: CommandContext) => context.organisation?.settings ?? defaultOrganisationSettings;

function checkDetails(issues: Issues, input: ClientDetailsInput, context: CommandContext): ClientDetails {
  return {
    name: requiredText(issues, 'name', input.name, TEXT_LIMITS.name),
    email: checkEmail(issues, input.email),
    phone: checkPhone(issues, input.phone, settingsOf(context)),
    company: optionalText(issues, 'company', input.company, TEXT_LIMITS.company),
  };
}

const originMessage = (origin: string): string => `"${origin}" is not a client origin; use ${ORIGINS.join(', ')}.`;

export const clientDecider: Decider<ClientCommand, ClientEvent, ClientState> = {
  decide: decideClient,
  evolve: evolveClient,
  initialState: initialClientState,
};

export const foldClient = (events: readonly ClientEvent[]): ClientState => fold(clientDecider, events);
