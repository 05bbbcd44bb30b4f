// The list-view decider: create, change (rename included) and delete saved views, checked against the
// organisation's fields. Private views are their creator's; sharing one needs Admin Organisation.
import { match } from 'ts-pattern';
import type { CommandContext } from '../shared/context.js';
import { fold, type Decider } from '../shared/decider.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import { hasPermission, Permission } from '../shared/permissions.js';
import { issue, throwIfAny, type Issues } from '../validation/issues.js';
import type { ListViewCommand } from './commands.js';
import { checkListView, type ListViewDefinition } from './definition.js';
import type { ListViewEvent } from './events.js';
import { listFieldsOf } from './fields.js';
import { canManageView, canSeeView, evolveListViews, initialListViewsState, type ListViewsState } from './state.js';
import type { SavedListView } from './state.js';
import { isSystemViewId, SYSTEM_LIST_VIEWS } from './system-views.js';

const VIEW_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const fieldsOf = (context: CommandContext) => listFieldsOf(context.organisation?.settings.customFields ?? []);

const requireSeeing = (context: CommandContext) => {
  if (!hasPermission(context.actor, Permission.ViewLeads) && !hasPermission(context.actor, Permission.ViewAllLeads))
    requirePermission(context, Permission.ViewLeads, 'keep list views');
};

const requireSharing = (context: CommandContext, definition: Partial<ListViewDefinition>) => {
  if (definition.visibility === 'shared')
    requirePermission(context, Permission.AdminOrganisation, 'share a list view with the organisation');
};

/** The name is free among the views the creator would see beside it, system views included (ignoring case). */
function requireFreeName(state: ListViewsState, context: CommandContext, name: string, except: string | null): void {
  const lower = name.toLowerCase();
  const taken =
    SYSTEM_LIST_VIEWS.some((view) => view.name.toLowerCase() === lower) ||
    Object.values(state.views).some(
      (view) => view.viewId !== except && canSeeView(context.actor, view) && view.name.toLowerCase() === lower,
    );
  if (taken)
    refuse(DomainErrorCode.AlreadyExists, 'name', 'distinct-name', `There is already a list view named "${name}".`);
}

/** The saved view the actor may manage; system views are read-only, others' private views are not found. */
function requireManageable(state: ListViewsState, context: CommandContext, viewId: string): SavedListView {
  if (isSystemViewId(viewId))
    refuse(
      DomainErrorCode.PermissionDenied,
      'viewId',
      'system-view-read-only',
      `${viewId} is a system view: it cannot be changed or deleted (save a copy instead).`,
    );
  const view = state.views[viewId];
  if (view === undefined || !canSeeView(context.actor, view))
    return refuse(DomainErrorCode.NotFound, 'viewId', 'must-exist', `There is no list view ${viewId}.`);
  if (!canManageView(context.actor, view))
    refuse(
      DomainErrorCode.PermissionDenied,
      'viewId',
      'creator-or-admin',
      `${context.actor.userId} may not change ${view.name}: only its creator or an organisation admin may.`,
    );
  return view;
}

const decide = (command: ListViewCommand, state: ListViewsState, context: CommandContext): ListViewEvent[] => {
  requireSameOrganisation(command.orgId, context, 'orgId');
  requireSeeing(context);
  return match(command)
    .returnType<ListViewEvent[]>()
    .with({ type: 'CreateListView' }, (c) => {
      if (!VIEW_ID.test(c.viewId) || isSystemViewId(c.viewId))
        refuse(DomainErrorCode.Validation, 'viewId', 'view-id-format', `"${c.viewId}" is not a free view id.`);
      if (state.views[c.viewId] !== undefined || state.deletedIds.includes(c.viewId))
        refuse(DomainErrorCode.AlreadyExists, 'viewId', 'new-view-id', `List view ${c.viewId} exists already.`);
      const issues: Issues = [];
      const definition = checkListView(issues, c.definition, fieldsOf(context));
      throwIfAny(issues);
      requireSharing(context, definition);
      requireFreeName(state, context, definition.name, null);
      return [
        {
          type: 'ListViewCreated',
          data: { orgId: c.orgId, viewId: c.viewId, createdBy: context.actor.userId, ...definition },
        },
      ];
    })
    .with({ type: 'ChangeListView' }, (c) => {
      const view = requireManageable(state, context, c.viewId);
      const issues: Issues = [];
      const { viewId: _viewId, createdBy: _createdBy, system: _system, ...current } = view;
      const next = checkListView(issues, { ...current, ...c.changes }, fieldsOf(context));
      if (Object.keys(c.changes).length === 0) issues.push(issue('changes', 'non-empty', 'Say what to change.'));
      throwIfAny(issues);
      if (c.changes.visibility !== undefined && c.changes.visibility !== view.visibility) requireSharing(context, next);
      const changes = Object.fromEntries(
        Object.entries(next).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof ListViewDefinition]),
        ),
      ) as Partial<ListViewDefinition>;
      if (changes.name !== undefined || changes.visibility !== undefined)
        requireFreeName(state, context, next.name, view.viewId);
      return Object.keys(changes).length === 0
        ? []
        : [{ type: 'ListViewChanged', data: { orgId: c.orgId, viewId: c.viewId, changes } }];
    })
    .with({ type: 'DeleteListView' }, (c) => {
      requireManageable(state, context, c.viewId);
      return [{ type: 'ListViewDeleted', data: { orgId: c.orgId, viewId: c.viewId } }];
    })
    .exhaustive();
};

export const listViewsDecider: Decider<ListViewCommand, ListViewEvent, ListViewsState> = {
  decide,
  evolve: evolveListViews,
  initialState: initialListViewsState,
};

export const foldListViews = (events: readonly ListViewEvent[]): ListViewsState => fold(listViewsDecider, events);
