// One lead: its details, what may be done with it now (move to a stage — the board's drag and drop for
// the keyboard —, claim, release, convert) and its journey, the human-readable timeline of everything
// that happened to it, newest last.
import { api } from '../api.js';
import { html } from '../html.js';
import { Alert, formatMoney, useAction, useLoad } from '../load.js';

const when = (iso: string): string => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

export function LeadPage({ leadId }: { readonly leadId: string }) {
  const lead = useLoad(() => api.lead(leadId), [leadId]);
  const journey = useLoad(() => api.journey(leadId), [leadId]);
  const reload = (): void => {
    lead.reload();
    journey.reload();
  };
  const action = useAction(reload);
  if (lead.data === null)
    return html`<${Alert} message=${lead.error} />
      <p>Loading the lead…</p>`;
  const details = lead.data;
  return html`<article class="lead" data-lead-id=${leadId}>
    <h1>${details.name}</h1>
    <dl class="details">
      <dt>Company</dt>
      <dd>${details.company ?? '—'}</dd>
      <dt>Source</dt>
      <dd>${details.source}</dd>
      <dt>Stage</dt>
      <dd data-stage>${details.stageName}</dd>
      <dt>Owner</dt>
      <dd data-owner>${details.ownerId ?? 'pool'}</dd>
      <dt>Claim</dt>
      <dd data-claim>${details.claimedBy === null ? 'not claimed' : `claimed by ${details.claimedBy}`}</dd>
      <dt>Next call</dt>
      <dd>${details.nextCallAt === null ? '—' : when(details.nextCallAt)}</dd>
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
        <select name="stage" aria-label="Stage" value=${details.stageId}>
          ${details.stages.map((stage) => html`<option value=${stage.stageId}>${stage.name}</option>`)}
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
