// A new lead: the few fields a person types at once; the API refuses bad input with the field and rule.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { Alert, useAction } from '../load.js';

export function NewLeadForm({
  sources,
  onCreated,
}: {
  readonly sources: readonly string[];
  readonly onCreated: () => void;
}) {
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction(onCreated);
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const text = (name: string): string | undefined => {
      const value = fields.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const value = text('value');
    const details = {
      name: text('name') ?? '',
      email: text('email'),
      company: text('company'),
      source: text('source'),
      ...(value === undefined
        ? {}
        : { estimatedValue: { amountMinor: Math.round(Number(value) * 100), currency: 'EUR' } }),
    };
    void action.run(async () => {
      await api.createLead(details);
      setCreated(details.name);
      form.reset();
    });
  };
  return html`<details class="new-lead">
    <summary>New lead</summary>
    <form onSubmit=${submit} aria-label="New lead">
      <label>Name <input name="name" required /></label>
      <label>Email <input name="email" type="email" /></label>
      <label>Company <input name="company" /></label>
      <label
        >Source
        <select name="source">
          ${sources.map((source) => html`<option value=${source}>${source}</option>`)}
        </select></label
      >
      <label>Value (EUR) <input name="value" type="number" min="0" step="1" /></label>
      <button type="submit">Create lead</button>
      ${created === null ? null : html`<span class="ok" role="status">Created ${created}</span>`}
      <${Alert} message=${action.failure} />
    </form>
  </details>`;
}
