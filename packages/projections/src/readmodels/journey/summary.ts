// The human-readable line each kind of lead event reads as in a journey.
import type { LeadAssigned, LeadEvent, LeadMerged, LeadUnmerged } from '@leadline/domain';
import type { ProjectedEvent } from '../../projector/projector.js';
import type { LeadOpenedType } from '../shared/lead-events.js';
import { instant } from '../shared/text.js';

const when = (value: string): string => {
  const iso = instant(value);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
};
const withReason = (text: string, reason: string | null): string =>
  reason === null || reason === '' ? text : `${text}: ${reason}`;
const money = (value: { amountMinor: number; currency: string } | null): string =>
  value === null ? 'none' : `${(value.amountMinor / 100).toFixed(2)} ${value.currency}`;

const merged = (data: ProjectedEvent<LeadMerged>['data']): string =>
  data.side === 'survivor'
    ? `Absorbed lead(s) ${data.absorbedLeadIds.join(', ')}`
    : `Merged into lead ${data.survivorId}`;
const unmerged = (data: ProjectedEvent<LeadUnmerged>['data']): string =>
  data.side === 'survivor'
    ? `Merge undone: lead(s) ${data.restoredLeadIds.join(', ')} restored`
    : `Unmerged from lead ${data.survivorId}`;

const ASSIGNED_VIA: { readonly [Via in LeadAssigned['data']['via']]: (data: LeadAssigned['data']) => string } = {
  assign: (data) => `Assigned to ${data.ownerId}`,
  transfer: (data) => `Transferred from ${data.previousOwnerId ?? 'nobody'} to ${data.ownerId}`,
  'take-ownership': (data) => `${data.ownerId} took ownership`,
  rule: (data) => `Assigned to ${data.ownerId} by rule ${data.ruleId ?? '(unnamed)'}`,
};

/** The journey's events: every lead event but a user opening the lead, which is no step of its own. */
type JourneyEvent = Exclude<LeadEvent, { readonly type: LeadOpenedType }>;
type Summaries = {
  readonly [T in JourneyEvent['type']]: (data: Extract<JourneyEvent, { type: T }>['data']) => string;
};

const SUMMARIES: Summaries = {
  EmailQueued: (data) => `Email queued to ${data.to}: "${data.subject}"`,
  EmailSendAttempted: (data) => `Email ${data.emailId}: sending, attempt ${String(data.attempt)}`,
  EmailSent: (data) => `Email ${data.emailId} sent (attempt ${String(data.attempt)})`,
  EmailSendFailed: (data) =>
    data.retryAt === null
      ? `Email ${data.emailId} failed for good (attempt ${String(data.attempt)}): ${data.error}`
      : `Email ${data.emailId} failed (attempt ${String(data.attempt)}), retry at ${when(data.retryAt)}: ${data.error}`,
  EmailOptedOut: (data) => withReason('Opted out of email', data.reason),
  LeadCreated: (data) =>
    `Created "${data.name}" from ${data.source}${data.ownerId === null ? ', in the pool' : `, owned by ${data.ownerId}`}${data.estimatedValue === null ? '' : `, estimated ${money(data.estimatedValue)}`}`,
  LeadDetailsUpdated: (data) => {
    const fields = [
      ...Object.keys(data.changes),
      ...Object.keys(data.customFields).map((key) => `custom field ${key}`),
    ];
    const value =
      data.changes.estimatedValue === undefined ? '' : ` (estimated value now ${money(data.changes.estimatedValue)})`;
    return `Details updated: ${fields.join(', ')}${value}`;
  },
  StageChanged: (data) => {
    if (data.toCategory === 'lost') return withReason(`Marked lost (${data.fromName} → ${data.toName})`, data.reason);
    if (data.fromCategory === 'lost') return withReason(`Reopened into ${data.toName}`, data.reason);
    if (data.toCategory === 'won') return withReason(`Won: moved from ${data.fromName} to ${data.toName}`, data.reason);
    return withReason(`Moved from ${data.fromName} to ${data.toName}`, data.reason);
  },
  NextCallScheduled: (data) =>
    data.at === null ? 'Next call cleared' : withReason(`Next call scheduled for ${when(data.at)}`, data.note),
  NoteLogged: (data) =>
    `Note${data.outcome === null ? '' : ` (${data.outcome.toLowerCase().replace(/_/g, ' ')})`}: ${data.text}`,
  JourneyStepRecorded: (data) => withReason(data.label, data.description),
  LeadAssigned: (data) => ASSIGNED_VIA[data.via](data),
  LeadUnassigned: (data) => `Unassigned from ${data.previousOwnerId}, back to the pool`,
  LeadClaimed: (data) => `Claimed by ${data.by} until ${when(data.expiresAt)}`,
  ClaimReleased: (data) => `Claim by ${data.claimedBy} released`,
  ClaimExpired: (data) => `Claim by ${data.claimedBy} expired at ${when(data.expiresAt)}`,
  RolePromoted: (data) => `Promoted from ${data.from} to ${data.to}`,
  ConvertedToClient: (data) =>
    data.mode === 'new'
      ? `Converted into new client ${data.clientId}`
      : `Converted and merged into existing client ${data.clientId}`,
  LinkedToClient: (data) => `Linked to client ${data.clientId}`,
  LeadMerged: merged,
  LeadUnmerged: unmerged,
  LeadDeleted: (data) => withReason('Deleted', data.reason),
};

export function summarise(event: ProjectedEvent<JourneyEvent>): string {
  // Keyed by type: the summary found takes exactly this event's data.
  const summary = (SUMMARIES as Readonly<Record<string, ((data: LeadEvent['data']) => string) | undefined>>)[
    event.type
  ];
  return typeof summary === 'function' ? summary(event.data) : event.type;
}
