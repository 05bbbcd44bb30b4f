// The human-readable line each kind of lead event reads as in a journey.
import type { LeadEvent } from '@leadline/domain';
import { match } from 'ts-pattern';
import type { ProjectedEvent } from '../../projector/projector';

const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const withReason = (text: string, reason: string | null): string => (reason === null || reason === '' ? text : `${text}: ${reason}`);
const money = (value: { amountMinor: number; currency: string } | null): string =>
  value === null ? 'none' : `${(value.amountMinor / 100).toFixed(2)} ${value.currency}`;

export function summarise(event: ProjectedEvent<LeadEvent>): string {
  return match(event)
    .with({ type: 'LeadCreated' }, ({ data }) =>
      `Created "${data.name}" from ${data.source}${data.ownerId === null ? ', in the pool' : `, owned by ${data.ownerId}`}${data.estimatedValue === null ? '' : `, estimated ${money(data.estimatedValue)}`}`,
    )
    .with({ type: 'LeadDetailsUpdated' }, ({ data }) => {
      const fields = [...Object.keys(data.changes), ...Object.keys(data.customFields).map((key) => `custom field ${key}`)];
      const value = data.changes.estimatedValue === undefined ? '' : ` (estimated value now ${money(data.changes.estimatedValue)})`;
      return `Details updated: ${fields.join(', ')}${value}`;
    })
    .with({ type: 'StageChanged' }, ({ data }) => {
      if (data.toCategory === 'lost') return withReason(`Marked lost (${data.fromName} → ${data.toName})`, data.reason);
      if (data.fromCategory === 'lost') return withReason(`Reopened into ${data.toName}`, data.reason);
      if (data.toCategory === 'won') return withReason(`Won: moved from ${data.fromName} to ${data.toName}`, data.reason);
      return withReason(`Moved from ${data.fromName} to ${data.toName}`, data.reason);
    })
    .with({ type: 'NextCallScheduled' }, ({ data }) =>
      data.at === null ? 'Next call cleared' : withReason(`Next call scheduled for ${when(new Date(data.at).toISOString())}`, data.note),
    )
    .with({ type: 'NoteLogged' }, ({ data }) => `Note${data.outcome === null ? '' : ` (${data.outcome.toLowerCase().replace(/_/g, ' ')})`}: ${data.text}`)
    .with({ type: 'JourneyStepRecorded' }, ({ data }) => withReason(data.label, data.description))
    .with({ type: 'LeadAssigned' }, ({ data }) =>
      match(data.via)
        .with('assign', () => `Assigned to ${data.ownerId}`)
        .with('transfer', () => `Transferred from ${data.previousOwnerId ?? 'nobody'} to ${data.ownerId}`)
        .with('take-ownership', () => `${data.ownerId} took ownership`)
        .with('rule', () => `Assigned to ${data.ownerId} by rule ${data.ruleId ?? '(unnamed)'}`)
        .exhaustive(),
    )
    .with({ type: 'LeadUnassigned' }, ({ data }) => `Unassigned from ${data.previousOwnerId}, back to the pool`)
    .with({ type: 'LeadClaimed' }, ({ data }) => `Claimed by ${data.by} until ${when(new Date(data.expiresAt).toISOString())}`)
    .with({ type: 'ClaimReleased' }, ({ data }) => `Claim by ${data.claimedBy} released`)
    .with({ type: 'ClaimExpired' }, ({ data }) => `Claim by ${data.claimedBy} expired at ${when(new Date(data.expiresAt).toISOString())}`)
    .with({ type: 'RolePromoted' }, ({ data }) => `Promoted from ${data.from} to ${data.to}`)
    .with({ type: 'ConvertedToClient' }, ({ data }) =>
      data.mode === 'new' ? `Converted into new client ${data.clientId}` : `Converted and merged into existing client ${data.clientId}`,
    )
    .with({ type: 'LinkedToClient' }, ({ data }) => `Linked to client ${data.clientId}`)
    .with({ type: 'LeadMerged' }, ({ data }) =>
      data.side === 'survivor' ? `Absorbed lead(s) ${data.absorbedLeadIds.join(', ')}` : `Merged into lead ${data.survivorId}`,
    )
    .with({ type: 'LeadUnmerged' }, ({ data }) =>
      data.side === 'survivor' ? `Merge undone: lead(s) ${data.restoredLeadIds.join(', ')} restored` : `Unmerged from lead ${data.survivorId}`,
    )
    .with({ type: 'LeadDeleted' }, ({ data }) => withReason('Deleted', data.reason))
    .exhaustive();
}
