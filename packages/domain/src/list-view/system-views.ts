// The views every organisation has out of the box. They are not events: they cannot be changed or
// deleted, and their ids (`system.…`) and names are reserved.
import type { ListViewDefinition } from './definition.js';

export const SYSTEM_VIEW_PREFIX = 'system.';

export interface SystemListView extends ListViewDefinition {
  readonly viewId: string;
  readonly system: true;
}

const COLUMNS = ['name', 'company', 'email', 'phone', 'stage', 'owner', 'nextCall', 'lastActivity'] as const;
const RECENT_FIRST = [{ field: 'lastActivity', direction: 'desc' }] as const;

const systemView = (id: string, definition: Omit<ListViewDefinition, 'visibility'>): SystemListView => ({
  viewId: `${SYSTEM_VIEW_PREFIX}${id}`,
  system: true,
  visibility: 'shared',
  ...definition,
});

export const SYSTEM_LIST_VIEWS: readonly SystemListView[] = [
  systemView('all-leads', { name: 'All leads', columns: COLUMNS, sort: RECENT_FIRST, filters: [] }),
  systemView('my-leads', {
    name: 'My leads',
    columns: COLUMNS,
    sort: RECENT_FIRST,
    filters: [{ field: 'owner', op: 'isMe' }],
  }),
  systemView('unread-leads', {
    name: 'Unread leads',
    columns: COLUMNS,
    sort: RECENT_FIRST,
    filters: [
      { field: 'owner', op: 'isMe' },
      { field: 'unread', op: 'eq', value: true },
    ],
  }),
  systemView('recently-created', {
    name: 'Recently created',
    columns: ['name', 'company', 'email', 'phone', 'source', 'owner', 'created'],
    sort: [{ field: 'created', direction: 'desc' }],
    filters: [{ field: 'created', op: 'inLastDays', value: 7 }],
  }),
  systemView('converted', {
    name: 'Converted',
    columns: ['name', 'company', 'email', 'phone', 'owner', 'client', 'estimatedRevenue', 'lastActivity'],
    sort: RECENT_FIRST,
    filters: [{ field: 'converted', op: 'eq', value: true }],
  }),
  systemView('lost', {
    name: 'Lost',
    columns: COLUMNS,
    sort: RECENT_FIRST,
    filters: [{ field: 'stageCategory', op: 'eq', value: 'lost' }],
  }),
  systemView('pool', {
    name: 'Pool',
    columns: ['name', 'company', 'email', 'phone', 'source', 'stage', 'created'],
    sort: [{ field: 'created', direction: 'desc' }],
    filters: [
      { field: 'owner', op: 'isEmpty' },
      { field: 'claimedBy', op: 'isEmpty' },
    ],
  }),
  systemView('next-calls-this-week', {
    name: 'Next calls this week',
    columns: ['name', 'company', 'phone', 'email', 'stage', 'owner', 'nextCall'],
    sort: [{ field: 'nextCall', direction: 'asc' }],
    filters: [{ field: 'nextCall', op: 'thisWeek' }],
  }),
];

export const isSystemViewId = (viewId: string): boolean => viewId.startsWith(SYSTEM_VIEW_PREFIX);
