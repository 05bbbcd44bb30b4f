// The Leads page: a header with the sections and the login picker, and the section the URL names.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { api, type AppConfig, type Person } from './api.js';
import { html } from './html.js';
import { Alert, useLoad } from './load.js';
import { AnalyticsPage } from './pages/analytics.js';
import { BoardPage } from './pages/board.js';
import { ImportPage } from './pages/import.js';
import { LeadPage } from './pages/lead-detail.js';
import { ListPage } from './pages/leads-list.js';
import { linkTo, useRoute, type Route } from './router.js';
import { currentUserId, signInAs } from './session.js';

const SECTIONS: readonly { readonly route: Route; readonly title: string }[] = [
  { route: { page: 'board' }, title: 'Board' },
  { route: { page: 'list' }, title: 'Leads' },
  { route: { page: 'import' }, title: 'Import' },
  { route: { page: 'analytics' }, title: 'Analytics' },
];

function LoginPicker({ config, onPick }: { readonly config: AppConfig; readonly onPick: (id: string) => void }) {
  return html`<main class="login">
    <h1>Who are you?</h1>
    <p class="meta">A demo sign-in: pick a person of ${config.organisation}.</p>
    <ul>
      ${config.people.map(
        (person: Person) =>
          html`<li>
            <button type="button" data-user=${person.userId} onClick=${() => onPick(person.userId)}>
              ${person.name}
              <span class="meta">${person.role}${person.viewsAll ? ', sees all leads' : ', sees own leads'}</span>
            </button>
          </li>`,
      )}
    </ul>
  </main>`;
}

function Section({ route, config }: { readonly route: Route; readonly config: AppConfig }) {
  switch (route.page) {
    case 'board':
      return html`<${BoardPage} />`;
    case 'list':
      return html`<${ListPage} people=${config.people} sources=${config.sources} />`;
    case 'lead':
      return html`<${LeadPage} key=${route.leadId} leadId=${route.leadId} />`;
    case 'import':
      return html`<${ImportPage} />`;
    case 'analytics':
      return html`<${AnalyticsPage} />`;
  }
}

function App() {
  const route = useRoute();
  const [userId, setUserId] = useState(currentUserId);
  const config = useLoad(() => api.config(), []);
  const pick = (id: string): void => {
    signInAs(id);
    setUserId(id);
  };
  if (config.data === null) return html`<${Alert} message=${config.error} />`;
  const user = config.data.people.find((person) => person.userId === userId);
  if (user === undefined) return html`<${LoginPicker} config=${config.data} onPick=${pick} />`;
  return html`<header>
      <strong class="brand">Leadline</strong>
      <nav>
        ${SECTIONS.map(
          (section) =>
            html`<a href=${linkTo(section.route)} aria-current=${section.route.page === route.page ? 'page' : undefined}
              >${section.title}</a
            >`,
        )}
      </nav>
      <label class="user"
        >Signed in as
        <select
          name="user"
          value=${user.userId}
          onChange=${(event: Event) => pick((event.target as HTMLSelectElement).value)}
        >
          ${config.data.people.map((person) => html`<option value=${person.userId}>${person.name}</option>`)}
        </select>
      </label>
    </header>
    <main key=${user.userId}><${Section} route=${route} config=${config.data} /></main>`;
}

const root = document.getElementById('app');
if (root !== null) render(html`<${App} />`, root);
