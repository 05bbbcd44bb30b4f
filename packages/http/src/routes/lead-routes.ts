// The lead commands: one route each, the lead in the path, the rest of the command in the JSON body.
import {
  CreateLeadInputSchema,
  LeadCommandInputSchemas as s,
  LeadCommandSchema,
  UpdateLeadInputSchema,
  type Acting,
  type Leadline,
} from 'leadline';
import type * as z from 'zod';
import { command, type Method, type Route } from './route.js';

type LeadCommands = Leadline['leads'];

/** A lead command of the facade, sent to `path` under /leads/:leadId with the rest of its input as the body. */
function onLead<S extends z.ZodType>(
  method: Method,
  path: string,
  name: keyof LeadCommands,
  schema: S,
  pick: (leads: LeadCommands) => (input: z.output<S>, acting: Acting) => Promise<unknown>,
  summary: string,
): Route {
  return command({
    method,
    path: `/leads/:leadId${path}`,
    entry: `leads.${name}`,
    summary,
    schema,
    conditional: true,
    run: (leadline, input, acting) => pick(leadline.leads)(input, acting),
  });
}

export const LEAD_ROUTES: readonly Route[] = [
  command({
    method: 'POST',
    path: '/leads',
    entry: 'leads.create',
    summary: 'Create a lead (409 with the candidates when it looks like a duplicate: nothing written).',
    schema: CreateLeadInputSchema,
    status: 201,
    run: (leadline, input, acting) => leadline.leads.create(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/leads/:leadId',
    entry: 'leads.update',
    summary: "Change a lead's details (409 with the candidates when a new email or phone matches another lead).",
    schema: UpdateLeadInputSchema,
    conditional: true,
    run: (leadline, input, acting) => leadline.leads.update(input, acting),
  }),
  onLead(
    'POST',
    '/stage',
    'changeStage',
    s.changeStage,
    (l) => l.changeStage,
    'Move the lead to another stage of its workflow.',
  ),
  onLead('POST', '/lost', 'markLost', s.markLost, (l) => l.markLost, 'Mark the lead lost, with a reason.'),
  onLead('POST', '/reopen', 'reopen', s.reopen, (l) => l.reopen, 'Reopen a lost lead, with a reason.'),
  onLead(
    'PUT',
    '/next-call',
    'scheduleNextCall',
    s.scheduleNextCall,
    (l) => l.scheduleNextCall,
    'Schedule (or clear, with at: null) the next call.',
  ),
  onLead('POST', '/notes', 'logNote', s.logNote, (l) => l.logNote, 'Log a note or a call with its outcome.'),
  onLead(
    'POST',
    '/journey-steps',
    'recordJourneyStep',
    s.recordJourneyStep,
    (l) => l.recordJourneyStep,
    'Record a custom step of the journey.',
  ),
  onLead(
    'POST',
    '/read',
    'markRead',
    s.markRead,
    (l) => l.markRead,
    'Record that the actor opened the lead: read for them until someone else changes it.',
  ),
  onLead('POST', '/claim', 'claim', s.claim, (l) => l.claim, 'Claim the lead for the claim window.'),
  onLead('DELETE', '/claim', 'release', s.release, (l) => l.release, 'Release the claim you hold.'),
  onLead(
    'POST',
    '/claim/expiry',
    'expireClaim',
    s.expireClaim,
    (l) => l.expireClaim,
    'Expire a lapsed claim (what the claim expiry worker sends).',
  ),
  onLead(
    'POST',
    '/ownership',
    'takeOwnership',
    s.takeOwnership,
    (l) => l.takeOwnership,
    'Take formal ownership of the lead.',
  ),
  onLead('PUT', '/owner', 'assign', s.assign, (l) => l.assign, 'Assign the lead to a user (also a transfer).'),
  onLead('DELETE', '/owner', 'unassign', s.unassign, (l) => l.unassign, 'Send the lead back to the pool.'),
  onLead(
    'POST',
    '/role',
    'promote',
    s.promote,
    (l) => l.promote,
    'Promote the lead: Lead > Prospect > Client, forward only.',
  ),
  onLead(
    'POST',
    '/conversion',
    'convert',
    s.convert,
    (l) => l.convert,
    'Convert the lead to a client (new or merged).',
  ),
  onLead(
    'PUT',
    '/client',
    'linkToClient',
    s.linkToClient,
    (l) => l.linkToClient,
    'Link the lead to an existing client.',
  ),
  onLead('DELETE', '', 'delete', s.delete, (l) => l.delete, 'Delete the lead (its history stays).'),
  command({
    method: 'POST',
    path: '/lead-commands',
    entry: 'leads.execute',
    summary: 'Any lead command as the domain defines it (merges, unmerges): the door tools use.',
    schema: LeadCommandSchema,
    run: (leadline, input, acting) => leadline.leads.execute(input, acting),
  }),
];
