// The pipeline board: a column per stage with its count and value, a card per lead; drag a card to
// another column to move the lead there (the API's stage change, refused moves shown as the API says).
import { useState } from 'preact/hooks';
import { api, type BoardLead, type BoardStage } from '../api.js';
import { html } from '../html.js';
import { Alert, formatMoney, useAction, useLoad } from '../load.js';
import { linkTo } from '../router.js';

const DRAGGED = 'application/x-leadline-lead';

function LeadCard({ lead, stageId }: { readonly lead: BoardLead; readonly stageId: string }) {
  const onDragStart = (event: DragEvent): void => {
    event.dataTransfer?.setData(DRAGGED, JSON.stringify({ leadId: lead.leadId, from: stageId }));
  };
  return html`<li class="card" draggable="true" data-lead-id=${lead.leadId} onDragStart=${onDragStart}>
    <a href=${linkTo({ page: 'lead', leadId: lead.leadId })}>${lead.name}</a>
    <span class="company">${lead.company ?? ''}</span>
    <span class="meta">${[lead.source, formatMoney(lead.estimatedValue)].filter(Boolean).join(' · ')}</span>
    <span class="meta"
      >${lead.ownerId ?? 'pool'}${lead.claimedBy === null ? '' : ` · claimed by ${lead.claimedBy}`}</span
    >
  </li>`;
}

function StageColumn({
  stage,
  onDrop,
}: {
  readonly stage: BoardStage;
  readonly onDrop: (leadId: string, from: string, to: string) => void;
}) {
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent): void => {
    event.preventDefault();
    setOver(false);
    const raw = event.dataTransfer?.getData(DRAGGED);
    if (raw === undefined || raw === '') return;
    const { leadId, from } = JSON.parse(raw) as { leadId: string; from: string };
    if (from !== stage.stageId) onDrop(leadId, from, stage.stageId);
  };
  return html`<section
    class=${`stage ${stage.category}${over ? ' over' : ''}`}
    data-stage-id=${stage.stageId}
    onDragOver=${(event: DragEvent) => {
      event.preventDefault();
      setOver(true);
    }}
    onDragLeave=${() => setOver(false)}
    onDrop=${drop}
  >
    <h2>${stage.name} <span class="count" data-count>${stage.count}</span></h2>
    <p class="meta">${stage.value.map(formatMoney).join(' + ') || '—'}</p>
    <ul>
      ${stage.leads.map((lead) => html`<${LeadCard} key=${lead.leadId} lead=${lead} stageId=${stage.stageId} />`)}
    </ul>
  </section>`;
}

export function BoardPage() {
  const board = useLoad(() => api.board(), []);
  const action = useAction(board.reload);
  const move = (leadId: string, _from: string, to: string): void => {
    void action.run(() => api.changeStage(leadId, to));
  };
  if (board.data === null)
    return html`<${Alert} message=${board.error} />
      <p>Loading the board…</p>`;
  return html`<h1>${board.data.workflowName}</h1>
    <p class="meta">${board.data.count} leads. Drag a card to another stage to move it.</p>
    <${Alert} message=${action.failure ?? board.error} />
    <div class="board">
      ${board.data.stages.map((stage) => html`<${StageColumn} key=${stage.stageId} stage=${stage} onDrop=${move} />`)}
    </div>`;
}
