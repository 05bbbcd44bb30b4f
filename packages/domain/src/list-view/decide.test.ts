import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainErrorCode } from '../shared/errors.js';
import { ORG, OTHER_ORG, ALICE, BOB, aContext, aManager, anActor } from '../testing/fixtures.js';
import { specFor } from '../testing/spec.js';
import { checkListView, type ListFilter, type ListViewDefinition } from './definition.js';
import type { ListViewEvent } from './events.js';
import { listFieldsOf, OPERAND_OF, OPERATORS_BY_TYPE, STANDARD_LIST_FIELDS, type FilterOperator } from './fields.js';
import { listViewsDecider } from './decide.js';
import { relativeDateRange } from './relative-dates.js';
import { SYSTEM_LIST_VIEWS } from './system-views.js';
import type { Issues } from '../validation/issues.js';

const { given } = specFor(listViewsDecider);
const alice = aContext();
const bob = aContext({ actor: anActor(BOB) });
const admin = aContext({ actor: aManager() });
const hot: ListViewDefinition = {
  name: 'Hot leads',
  columns: ['name', 'email', 'phone', 'rating'],
  sort: [
    { field: 'rating', direction: 'desc' },
    { field: 'name', direction: 'asc' },
  ],
  filters: [{ field: 'created', op: 'inLastDays', value: 7 }],
  visibility: 'private',
};
const created: ListViewEvent = {
  type: 'ListViewCreated',
  data: { orgId: ORG, viewId: 'v1', createdBy: ALICE, ...hot },
};
const create = (definition: Partial<ListViewDefinition>, viewId = 'v1') =>
  ({ type: 'CreateListView', orgId: ORG, viewId, definition: { ...hot, ...definition } }) as const;

describe('creating a list view', () => {
  it('records the view with its creator', () => {
    given([])
      .when(create({ name: ' Hot leads ' }), alice)
      .then([created]);
  });

  it('refuses an unknown column, naming it', () => {
    given([])
      .when(create({ columns: ['name', 'shoeSize'] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'columns.1', 'known-field');
  });

  it('refuses an operator that does not apply to the field type', () => {
    given([])
      .when(create({ filters: [{ field: 'rating', op: 'contains', value: 'ho' }] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'filters.0.op', 'operator-for:choice');
  });

  it('refuses a value of the wrong kind', () => {
    given([])
      .when(create({ filters: [{ field: 'created', op: 'gt', value: 'yesterday' }] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'filters.0.value', 'value-type:instant');
    given([])
      .when(create({ filters: [{ field: 'created', op: 'inLastDays', value: 0 }] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'filters.0.value', 'days:1-3650');
    given([])
      .when(create({ filters: [{ field: 'owner', op: 'isMe', value: 'alice' }] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'filters.0.value', 'no-value');
  });

  it('refuses a sort on an unknown field and a field sorted twice', () => {
    given([])
      .when(create({ sort: [{ field: 'colour', direction: 'asc' }] }), alice)
      .thenThrows(DomainErrorCode.Validation, 'sort.0.field', 'known-field');
    given([])
      .when(
        create({
          sort: [
            { field: 'name', direction: 'asc' },
            { field: 'name', direction: 'desc' },
          ],
        }),
        alice,
      )
      .thenThrows(DomainErrorCode.Validation, 'sort', 'distinct');
  });

  it("accepts the organisation's custom fields as custom.<key>, with their type's operators", () => {
    const context = aContext({
      settings: { customFields: [{ key: 'employees', label: 'Employees', type: 'number' }] },
    });
    const filters: ListFilter[] = [{ field: 'custom.employees', op: 'gte', value: 50 }];
    expect(
      given([])
        .when(create({ columns: ['name', 'custom.employees'], filters }), context)
        .decided(),
    ).toHaveLength(1);
    given([])
      .when(create({ filters: [{ field: 'custom.employees', op: 'startsWith', value: '5' }] }), context)
      .thenThrows(DomainErrorCode.Validation, 'filters.0.op', 'operator-for:number');
    given([])
      .when(create({ columns: ['custom.missing'] }), context)
      .thenThrows(DomainErrorCode.Validation, 'columns.0');
  });

  it('refuses a name taken by a system view or by a view the creator sees', () => {
    given([])
      .when(create({ name: 'my LEADS' }), alice)
      .thenThrows(DomainErrorCode.AlreadyExists, 'name', 'distinct-name');
    given([created]).when(create({}, 'v2'), alice).thenThrows(DomainErrorCode.AlreadyExists, 'name', 'distinct-name');
    // Bob does not see Alice's private view: he may use the name.
    expect(given([created]).when(create({}, 'v2'), bob).decided()).toHaveLength(1);
  });

  it('lets only an organisation admin share a view', () => {
    given([])
      .when(create({ visibility: 'shared' }), alice)
      .thenThrows(DomainErrorCode.PermissionDenied, 'actor', 'requires:ADMIN_ORGANISATION');
    expect(
      given([])
        .when(create({ visibility: 'shared' }), admin)
        .decided(),
    ).toHaveLength(1);
  });

  it('refuses another organisation, a reused id and a system id', () => {
    given([])
      .when({ ...create({}), orgId: OTHER_ORG }, alice)
      .thenThrows(DomainErrorCode.WrongOrganisation, 'orgId');
    given([created, { type: 'ListViewDeleted', data: { orgId: ORG, viewId: 'v1' } }])
      .when(create({ name: 'Again' }), alice)
      .thenThrows(DomainErrorCode.AlreadyExists, 'viewId', 'new-view-id');
    given([]).when(create({}, 'system.mine'), alice).thenThrows(DomainErrorCode.Validation, 'viewId');
  });
});

describe('changing and deleting a list view', () => {
  it('renames a view, recording only what changed', () => {
    given([created])
      .when(
        { type: 'ChangeListView', orgId: ORG, viewId: 'v1', changes: { name: 'Hottest', columns: hot.columns } },
        alice,
      )
      .then([{ type: 'ListViewChanged', data: { orgId: ORG, viewId: 'v1', changes: { name: 'Hottest' } } }]);
  });

  it('checks the changed definition like a new one', () => {
    given([created])
      .when(
        { type: 'ChangeListView', orgId: ORG, viewId: 'v1', changes: { sort: [{ field: 'nope', direction: 'asc' }] } },
        alice,
      )
      .thenThrows(DomainErrorCode.Validation, 'sort.0.field', 'known-field');
  });

  it("hides another user's private view and refuses system views", () => {
    given([created])
      .when({ type: 'DeleteListView', orgId: ORG, viewId: 'v1' }, bob)
      .thenThrows(DomainErrorCode.NotFound, 'viewId');
    given([])
      .when({ type: 'DeleteListView', orgId: ORG, viewId: 'system.all-leads' }, admin)
      .thenThrows(DomainErrorCode.PermissionDenied, 'viewId', 'system-view-read-only');
  });

  it('lets the creator or an admin change a shared view, and nobody else', () => {
    const shared: ListViewEvent = {
      type: 'ListViewCreated',
      data: { ...created.data, visibility: 'shared', createdBy: BOB },
    };
    given([shared])
      .when({ type: 'ChangeListView', orgId: ORG, viewId: 'v1', changes: { name: 'Mine now' } }, alice)
      .thenThrows(DomainErrorCode.PermissionDenied, 'viewId', 'creator-or-admin');
    given([shared])
      .when({ type: 'DeleteListView', orgId: ORG, viewId: 'v1' }, admin)
      .then([{ type: 'ListViewDeleted', data: { orgId: ORG, viewId: 'v1' } }]);
  });
});

describe('the system views', () => {
  it('are the eight of the Leads page, each a valid definition', () => {
    expect(SYSTEM_LIST_VIEWS.map((view) => view.name)).toEqual([
      'All leads',
      'My leads',
      'Unread leads',
      'Recently created',
      'Converted',
      'Lost',
      'Pool',
      'Next calls this week',
    ]);
    for (const view of SYSTEM_LIST_VIEWS) {
      const issues: Issues = [];
      checkListView(issues, view, listFieldsOf([]));
      expect(issues).toEqual([]);
    }
  });
});

describe('relative dates', () => {
  it('reads this week as Monday 00:00 UTC to the next Monday, and the last 7 days as a week back from now', () => {
    const now = new Date('2026-03-05T15:30:00.000Z'); // a Thursday
    expect(relativeDateRange('thisWeek', 0, now, 'instant')).toEqual({
      from: '2026-03-02T00:00:00.000Z',
      before: '2026-03-09T00:00:00.000Z',
    });
    expect(relativeDateRange('inLastDays', 7, now, 'date')).toEqual({ from: '2026-02-26', before: '2026-03-06' });
  });

  it('always holds now (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('inLastDays', 'inNextDays', 'today', 'thisWeek' as const),
        fc.integer({ min: 1, max: 3650 }),
        (now, op, days) => {
          const range = relativeDateRange(op, days, now, 'instant');
          expect(range.from !== null && range.from <= now.toISOString()).toBe(true);
          expect(range.before !== null && now.toISOString() < range.before).toBe(true);
        },
      ),
    );
  });
});

describe('view definitions (property)', () => {
  const fields = listFieldsOf([]);
  it('accept every standard field with each operator its type allows, given a value of the right kind', () => {
    const sampleValue = (type: string, op: FilterOperator): ListFilter['value'] => {
      const kind = OPERAND_OF[op];
      if (kind === 'none') return undefined;
      if (kind === 'days') return 3;
      const single = {
        text: 'x',
        choice: 'x',
        user: 'alice',
        number: 2,
        money: 100,
        date: '2026-01-01',
        instant: '2026-01-01T00:00:00Z',
        boolean: true,
      }[type];
      return kind === 'list' ? [single as string] : single;
    };
    const pair = fc
      .constantFrom(...STANDARD_LIST_FIELDS)
      .chain((field) => fc.constantFrom(...OPERATORS_BY_TYPE[field.type]).map((op) => ({ field, op })));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 20 }), (pairs) => {
        const issues: Issues = [];
        const filters = pairs.map(({ field, op }) => {
          const value = sampleValue(field.type, op);
          return value === undefined ? { field: field.key, op } : { field: field.key, op, value };
        });
        checkListView(issues, { ...hot, filters }, fields);
        expect(issues).toEqual([]);
      }),
    );
  });

  it('refuse any field key outside the catalogue', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !fields.has(key)),
        (key) => {
          const issues: Issues = [];
          checkListView(issues, { ...hot, columns: [key], filters: [{ field: key, op: 'eq', value: 'x' }] }, fields);
          expect(issues.map((found) => found.field)).toEqual(['columns.0', 'filters.0.field']);
        },
      ),
    );
  });
});
