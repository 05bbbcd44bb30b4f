// The lead commands that name a client, checked against the client's own stream: converting into an
// existing client ("merged"), linking to one (upsell) and creating a lead for one need a client of the
// organisation; converting into a new client creates it from the lead's contact details first.
import {
  ClientOrigin,
  leadDecider,
  leadStream,
  requireKnownClient,
  type ClientId,
  type ConvertToClient,
  type ExistingLeadState,
} from '@leadline/domain';
import { RevisionMismatchError } from '../commands/errors.js';
import type { GuardedLeadCommands } from '../intake/intake.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';
import type { Clock } from '../runtime/clock.js';

type ClientLinkingCommands = Pick<GuardedLeadCommands, 'create' | 'convert' | 'linkToClient' | 'execute'>;

export function withClientChecks<Commands extends ClientLinkingCommands>(
  leads: Commands,
  dispatcher: Dispatcher,
  clock: Clock,
): Commands {
  const requireClient = async (clientId: ClientId, acting: Acting): Promise<void> => {
    requireKnownClient(await dispatcher.clientState(clientId), clientId, acting.actor.orgId);
  };
  const checked: ClientLinkingCommands = {
    async create(input, acting) {
      if (input.clientId !== undefined && input.clientId !== null) await requireClient(input.clientId, acting);
      return leads.create(input, acting);
    },
    async linkToClient(input, acting) {
      await requireClient(input.clientId, acting);
      return leads.linkToClient(input, acting);
    },
    async convert(input, acting) {
      if (input.mode !== 'new') {
        await requireClient(input.clientId, acting);
        return leads.convert(input, acting);
      }
      const lead = await dispatcher.leadState(input.leadId);
      // Converted already: the lead command replays a keyed retry or refuses a second conversion; no client is written.
      if (lead.exists && !lead.converted) {
        await decidePurely(dispatcher, clock, { ...input, type: 'ConvertToClient' }, lead, acting);
        // An expected revision is the lead's (If-Match): checked before the client is written, never applied to it.
        const { expectedRevision, ...forClient } = acting;
        const revision = expectedRevision === undefined ? null : await dispatcher.leadRevision(input.leadId);
        if (expectedRevision !== undefined && revision !== expectedRevision)
          throw new RevisionMismatchError(leadStream(input.leadId), expectedRevision, revision);
        await dispatcher.client(
          {
            type: 'CreateClient',
            clientId: input.clientId,
            details: lead.details,
            origin: ClientOrigin.Conversion,
            fromLeadId: input.leadId,
          },
          forClient,
        );
      }
      return leads.convert(input, acting);
    },
    // The door tools use takes the same checks: a command naming a client goes the way above.
    async execute(command, acting) {
      if (command.type === 'ConvertToClient') return checked.convert(command, acting);
      if (command.type === 'LinkToClient') return checked.linkToClient(command, acting);
      if (command.type === 'CreateLead' && command.clientId !== undefined && command.clientId !== null)
        await requireClient(command.clientId, acting);
      return leads.execute(command, acting);
    },
  };
  return { ...leads, ...checked };
}

/**
 * The conversion decided on the lead as it stands, without writing: a refusal (lost, no won stage, no
 * permission, another organisation) surfaces before the new client is written.
 */
async function decidePurely(
  dispatcher: Dispatcher,
  clock: Clock,
  command: ConvertToClient,
  lead: ExistingLeadState,
  acting: Acting,
): Promise<void> {
  const context = await dispatcher.context.build(acting.actor.orgId, acting.actor, clock.now(), [lead.workflowId]);
  leadDecider.decide(command, lead, context);
}
