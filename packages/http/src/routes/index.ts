// The API's route table: every facade entry a caller reaches over HTTP, in one list.
import type { Actor } from '@leadline/domain';
import { eventStreamRoute, type EventStreamOptions } from '../live/event-stream.js';
import { parkedRoutes } from '../operations/health-routes.js';
import { ADMIN_ROUTES } from './admin-routes.js';
import { CLIENT_ROUTES } from './client-routes.js';
import { CONTACT_ROUTES } from './contact-routes.js';
import { INTAKE_ROUTES } from './intake-routes.js';
import { LEAD_ROUTES } from './lead-routes.js';
import { QUERY_ROUTES } from './query-routes.js';
import { VIEW_ROUTES } from './view-routes.js';
import type { Route } from './route.js';

export function apiRoutes(options: {
  readonly isOperator: (actor: Actor) => boolean;
  readonly events?: EventStreamOptions;
}): readonly Route[] {
  return [
    ...LEAD_ROUTES,
    ...VIEW_ROUTES,
    ...QUERY_ROUTES,
    ...INTAKE_ROUTES,
    ...CLIENT_ROUTES,
    ...CONTACT_ROUTES,
    ...ADMIN_ROUTES,
    ...parkedRoutes(options.isOperator),
    eventStreamRoute(options.events),
  ];
}
