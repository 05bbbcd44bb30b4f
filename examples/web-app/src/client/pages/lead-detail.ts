// One lead from its resource (`GET /leads/{id}`): its fields, what may be done with it now (move to a
// stage of its workflow — the board's drag and drop for the keyboard —, claim, release, convert) and its
// journey, the human-readable timeline of everything that happened to it, newest last.
import { api } from '../api.js';
import { html } from '../html.js';
import { Alert, formatMoney, useAction, useLoad } from '../load.js';

const when = (iso: string): string => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

export function LeadPage({ leadId }: { readonly leadId: string }) {
  const lead = useLoad(() => api.lead(leadId), [leadId]);
  const workflowId = lead.data?.lead.workflow.workflowId;
  const workflow = useLoad(async () => (workflowId === undefined ? null : api.workflow(workflowId)), [workflowId]);
  const journey = useLoad(() => api.journey(leadId), [leadId]);
  const reload = (): void => {
    lead.reload();
    journey.reload();
  };
  const action = useAction(reload);
  if (lead.data === null)
    return html`<${Alert} message=${lead.error} />
      <p>Loading the lead…</p>`;
  const details = lead.data.lead;
  const stages = workflow.data?.stages ?? [{ stageId: details.stage.stageId, name: details.stage.name }];
  return html`<article class="lead" data-lead-id=${leadId} data-etag=${lead.data.etag ?? ''}>
    <h1>${details.name}</h1>
    <dl class="details">
      <dt>Company</dt>
      <dd>${details.company ?? '—'}</dd>
      <dt>Email</dt>
      <dd>${details.email ?? '—'}</dd>
      <dt>Phone</dt>
      <dd>${details.phone ?? '—'}</dd>
      <dt>Source</dt>
      <dd>${details.source}</dd>
      <dt>Rating</dt>
      <dd data-rating>${details.rating ?? '—'}</dd>
      <dt>Stage</dt>
      <dd data-stage>${details.stage.name ?? details.stage.stageId}</dd>
      <dt>Owner</dt>
      <dd data-owner>${details.ownerId ?? 'pool'}</dd>
      <dt>Claim</dt>
      <dd data-claim>${details.claim.state === 'claimed' ? `claimed by ${details.claim.by}` : 'not claimed'}</dd>
      <dt>Next call</dt>
      <dd>${details.nextCall === null ? '—' : when(details.nextCall.at)}</dd>
      <dt>Value</dt>
      <dd>${formatMoney(details.estimatedValue)}</dd>
    </dl>
    <div class="actions">
      <form
        class="move"
        aria-label="Move to stage"
        onSubmit=${(event: Event) => {
          event.preventDefault();
          const stageId = new FormData(event.currentTarget as HTMLFormElement).get('stage');
          if (typeof stageId === 'string') void action.run(() => api.changeStage(leadId, stageId));
        }}
      >
        <select name="stage" aria-label="Stage" value=${details.stage.stageId}>
          ${stages.map((stage) => html`<option value=${stage.stageId}>${stage.name}</option>`)}
        </select>
        <button type="submit">Move</button>
      </form>
      <button type="button" onClick=${() => void action.run(() => api.claim(leadId))}>Claim</button>
      <button type="button" onClick=${() => void action.run(() => api.release(leadId))}>Release</button>
      <button type="button" class="primary" onClick=${() => void action.run(() => api.convert(leadId))}>
        Convert to client
      </button>
    </div>
    <${Alert} message=${action.failure ?? journey.error} />
    <h2>Journey</h2>
    <ol class="journey">
      ${(journey.data ?? []).map(
        (step) =>
          html`<li key=${step.seq} data-kind=${step.kind}>
            <time datetime=${step.occurredAt}>${when(step.occurredAt)}</time>
            <span class="actor">${step.actorId}</span>
            <span class="summary">${step.summary}</span>
          </li>`,
      )}
    </ol>
  </article>`;
}
