// `leadline lead show LEAD`: the lead's page — every field, its owner, claim, next call, latest notes and
// the head of its journey. Opening it marks it read for the user unless --no-mark-read.
import { LeadId } from '@leadline/domain';
import type { LaidOutField, LeadPage } from 'leadline';
import type { Command } from 'commander';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { withSession } from '../../cli/program.js';
import { formatInstant, formatMoney } from '../../output/format.js';
import type { CliIo } from '../../output/io.js';
import { renderPairs, renderTable } from '../../output/table.js';

export interface LeadShown {
  readonly lead: LeadPage;
  /** True when this showing recorded the opening (LeadOpened). */
  readonly markedRead: boolean;
}

export function registerLeadShow(lead: Command, io: CliIo): void {
  lead
    .command('show')
    .description("a lead's page: every field, owner, claim, next call, latest notes, journey head (marks it read)")
    .argument('<lead>', 'lead id')
    .option('--notes <n>', 'how many of the latest notes to show (0 to 500)', '5')
    .option('--no-mark-read', 'leave the lead unread for you')
    .action(
      withSession<{ notes: string; markRead: boolean }>(io, async (session, [leadId], options) => {
        await session.catchUp();
        const acting = await session.acting();
        const notes = Number(options.notes);
        const detail = await session.leadline.leads.get({
          viewer: acting.actor,
          leadId: LeadId(leadId ?? ''),
          notes: Number.isInteger(notes) ? notes : -1,
        });
        if (detail === null) {
          throw new CliError(
            CliErrorCode.NotFound,
            'lead',
            'must-exist',
            `There is no lead ${leadId ?? ''} you may see.`,
            'Find leads with `leadline search TEXT`; an id is printed by `leadline lead create`.',
          );
        }
        const opened = options.markRead
          ? await session.leadline.leads.markRead({ leadId: detail.leadId }, acting)
          : null;
        const shown: LeadShown = { lead: detail, markedRead: (opened?.events.length ?? 0) > 0 };
        session.print(shown, () => renderLead(shown));
      }),
    );
}

const claimText = (claim: LeadPage['claim']): string =>
  claim.state === 'unclaimed' ? '-' : `${claim.by ?? '?'} until ${formatInstant(claim.until)} (${claim.state})`;

function fieldText({ value }: LaidOutField): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object' && 'amountMinor' in value) return formatMoney([value]);
  return String(value);
}

export function renderLead({ lead, markedRead }: LeadShown): string {
  const unread = lead.unread ? (markedRead ? 'was unread (now read)' : 'unread') : 'read';
  // The fields as the organisation lays them out: its sections in order, hidden fields left out.
  const pairs: [string, string | number | null][] = [
    ...lead.sections.flatMap((section): [string, string | null][] => [
      [`[${section.name}]`, null],
      ...section.fields.map((field): [string, string | null] => [field.label, fieldText(field)]),
    ]),
    ['stage', `${lead.stage.name ?? lead.stage.stageId} (${lead.workflow.name ?? lead.workflow.workflowId})`],
    ['role', lead.role],
    ['owner', lead.ownerId ?? 'pool'],
    ['claim', claimText(lead.claim)],
    ['next call', lead.nextCall === null ? null : `${formatInstant(lead.nextCall.at)} ${lead.nextCall.note ?? ''}`],
    ['client', lead.clientId],
    ['created', `${formatInstant(lead.createdAt)} by ${lead.createdBy}`],
    ['last activity', formatInstant(lead.lastActivityAt)],
    ['for you', unread],
    ['journey head', lead.journeyHead === null ? null : `#${lead.journeyHead.seq} ${lead.journeyHead.summary}`],
    ['journey hash', lead.journeyHead?.hash ?? null],
  ];
  const lines = [
    `Lead ${lead.leadId}${lead.state === 'merged' ? ' (merged into another lead)' : ''}`,
    renderPairs(pairs),
  ];
  if (lead.latestNotes.length > 0) {
    lines.push(
      'Latest notes',
      renderTable(
        ['when (UTC)', 'who', 'outcome', 'note'],
        lead.latestNotes.map((note) => [formatInstant(note.loggedAt), note.loggedBy, note.outcome, note.text]),
      ),
    );
  }
  return lines.join('\n');
}
