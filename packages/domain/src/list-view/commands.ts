// What a user asks of the organisation's saved list views.
import type { OrgId } from '../shared/ids.js';
import type { ListViewDefinition } from './definition.js';

export interface CreateListView {
  readonly type: 'CreateListView';
  readonly orgId: OrgId;
  readonly viewId: string;
  readonly definition: ListViewDefinition;
}

export interface ChangeListView {
  readonly type: 'ChangeListView';
  readonly orgId: OrgId;
  readonly viewId: string;
  /** What to change; a rename changes `name` alone. */
  readonly changes: Partial<ListViewDefinition>;
}

export interface DeleteListView {
  readonly type: 'DeleteListView';
  readonly orgId: OrgId;
  readonly viewId: string;
}

export type ListViewCommand = CreateListView | ChangeListView | DeleteListView;
