// The list views' event catalogue: one stream per organisation (`listviews-<orgId>`) holds its saved views.
import type { OrgId, UserId } from '../shared/ids.js';
import type { ListViewDefinition } from './definition.js';

export interface ListViewCreated {
  readonly type: 'ListViewCreated';
  readonly data: ListViewDefinition & {
    readonly orgId: OrgId;
    readonly viewId: string;
    readonly createdBy: UserId;
  };
}

export interface ListViewChanged {
  readonly type: 'ListViewChanged';
  readonly data: {
    readonly orgId: OrgId;
    readonly viewId: string;
    /** Only what changed: a rename is a change of `name`. */
    readonly changes: Partial<ListViewDefinition>;
  };
}

export interface ListViewDeleted {
  readonly type: 'ListViewDeleted';
  readonly data: { readonly orgId: OrgId; readonly viewId: string };
}

export type ListViewEvent = ListViewCreated | ListViewChanged | ListViewDeleted;
