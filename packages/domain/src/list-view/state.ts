// What the list-view decider remembers: the organisation's saved views, and the ids once used.
import type { UserId } from '../shared/ids.js';
import { hasPermission, Permission, type Actor } from '../shared/permissions.js';
import type { ListViewDefinition } from './definition.js';
import type { ListViewEvent } from './events.js';

export interface SavedListView extends ListViewDefinition {
  readonly viewId: string;
  readonly createdBy: UserId;
  readonly system: false;
}

export interface ListViewsState {
  readonly views: Readonly<Record<string, SavedListView>>;
  /** Ids of deleted views: an id is never reused. */
  readonly deletedIds: readonly string[];
}

export const initialListViewsState: ListViewsState = { views: {}, deletedIds: [] };

/** A private view is its creator's alone; a shared one is everyone's in the organisation. */
export const canSeeView = (actor: Actor, view: SavedListView): boolean =>
  view.visibility === 'shared' || view.createdBy === actor.userId;

/** Its creator changes or deletes a view; a shared view also whoever administers the organisation. */
export const canManageView = (actor: Actor, view: SavedListView): boolean =>
  view.createdBy === actor.userId ||
  (view.visibility === 'shared' && hasPermission(actor, Permission.AdminOrganisation));

export const evolveListViews = (state: ListViewsState, event: ListViewEvent): ListViewsState => {
  switch (event.type) {
    case 'ListViewCreated': {
      const { orgId: _orgId, ...view } = event.data;
      return { ...state, views: { ...state.views, [view.viewId]: { ...view, system: false } } };
    }
    case 'ListViewChanged': {
      const view = state.views[event.data.viewId];
      if (view === undefined) return state;
      return { ...state, views: { ...state.views, [view.viewId]: { ...view, ...event.data.changes } } };
    }
    case 'ListViewDeleted': {
      const { [event.data.viewId]: _deleted, ...views } = state.views;
      return { views, deletedIds: [...state.deletedIds, event.data.viewId] };
    }
  }
};
