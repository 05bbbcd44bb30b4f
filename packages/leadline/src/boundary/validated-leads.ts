// The lead commands of the facade behind their schemas: input and acting are parsed (refused with a
// ValidationError naming the field and rule) before anything is read or written.
import type { LeadCommand } from '@leadline/domain';
import * as z from 'zod';
import type { BulkOperations } from '../bulk/bulk-operations.js';
import type { GuardedLeadCommands } from '../intake/intake.js';
import type { Acting } from '../runtime/dispatcher.js';
import { ActingSchema } from './acting.js';
import { parseInput } from './issues.js';
import {
  CreateLeadInputSchema,
  LeadCommandInputSchemas,
  LeadIdsSchema,
  TransferTargetSchema,
  UpdateLeadInputSchema,
} from './lead-inputs.js';
import { LeadCommandSchema } from './lead-commands.js';
import { text } from './primitives.js';

export const parseActing = (acting: unknown): Acting => parseInput(ActingSchema, acting, 'acting');

/** A method `(input, acting)` whose input is parsed by `schema` first. */
export const checked =
  <S extends z.ZodType, R>(schema: S, method: (input: z.output<S>, acting: Acting) => Promise<R>) =>
  async (input: unknown, acting: unknown): Promise<R> =>
    method(parseInput(schema, input, ''), parseActing(acting));

const BulkDeleteActingSchema = ActingSchema.extend({ reason: text(1000, { multiline: true }).optional() });

export function validatedLeads(leads: GuardedLeadCommands & BulkOperations): GuardedLeadCommands & BulkOperations {
  const s = LeadCommandInputSchemas;
  return {
    create: checked(CreateLeadInputSchema, (input, acting) => leads.create(input, acting)),
    update: checked(UpdateLeadInputSchema, (input, acting) => leads.update(input, acting)),
    changeStage: checked(s.changeStage, leads.changeStage),
    markLost: checked(s.markLost, leads.markLost),
    reopen: checked(s.reopen, leads.reopen),
    scheduleNextCall: checked(s.scheduleNextCall, leads.scheduleNextCall),
    logNote: checked(s.logNote, leads.logNote),
    recordJourneyStep: checked(s.recordJourneyStep, leads.recordJourneyStep),
    claim: checked(s.claim, leads.claim),
    release: checked(s.release, leads.release),
    expireClaim: checked(s.expireClaim, leads.expireClaim),
    takeOwnership: checked(s.takeOwnership, leads.takeOwnership),
    assign: checked(s.assign, leads.assign),
    unassign: checked(s.unassign, leads.unassign),
    promote: checked(s.promote, leads.promote),
    convert: checked(s.convert, leads.convert),
    linkToClient: checked(s.linkToClient, leads.linkToClient),
    delete: checked(s.delete, leads.delete),
    markRead: checked(s.markRead, leads.markRead),
    execute: checked(LeadCommandSchema, (command: LeadCommand, acting) => leads.execute(command, acting)),
    bulkTransfer: async (leadIds: unknown, target: unknown, acting: unknown) =>
      leads.bulkTransfer(
        parseInput(LeadIdsSchema, leadIds, 'leadIds'),
        parseInput(TransferTargetSchema, target, 'target'),
        parseActing(acting),
      ),
    bulkDelete: async (leadIds: unknown, acting: unknown) =>
      leads.bulkDelete(
        parseInput(LeadIdsSchema, leadIds, 'leadIds'),
        parseInput(BulkDeleteActingSchema, acting, 'acting'),
      ),
  };
}
