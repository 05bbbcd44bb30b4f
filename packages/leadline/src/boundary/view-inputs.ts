// The inputs of `leadline.views` and `leadline.leads.list` as callers send them: view definitions whose
// shape is checked here (the domain then checks fields, operators and values against the organisation).
import { FILTER_OPERATORS, LIST_VIEW_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { ActorSchema } from './acting.js';
import { cursor, limit, plainId, text, validDate } from './primitives.js';

const fieldKey = () => text(60);
const filterText = () => text(LIST_VIEW_LIMITS.filterText);

export const ListSortSchema = z.strictObject({ field: fieldKey(), direction: z.enum(['asc', 'desc']) });

export const ListFilterSchema = z.strictObject({
  field: fieldKey(),
  op: z.enum(FILTER_OPERATORS),
  value: z
    .union([filterText(), z.number(), z.boolean(), z.array(filterText()).max(LIST_VIEW_LIMITS.listValues)])
    .optional(),
});

const columns = () => z.array(fieldKey()).max(LIST_VIEW_LIMITS.columns);
const sort = () => z.array(ListSortSchema).max(LIST_VIEW_LIMITS.sortKeys);
const filters = () => z.array(ListFilterSchema).max(LIST_VIEW_LIMITS.filters);
const visibility = () => z.enum(['private', 'shared']);

export const AdHocViewSchema = z.strictObject({
  columns: columns().optional(),
  sort: sort().optional(),
  filters: filters().optional(),
});

/** A view named by id or by name. */
const viewReference = () => text(LIST_VIEW_LIMITS.name + 20);

const listed = {
  viewer: ActorSchema,
  view: viewReference().optional(),
  adHoc: AdHocViewSchema.optional(),
  now: validDate().optional(),
};

/** One schema per method, named by the method. */
export const ViewInputSchemas = {
  create: z.strictObject({
    viewId: plainId().optional(),
    name: text(LIST_VIEW_LIMITS.name),
    columns: columns().optional(),
    sort: sort().optional(),
    filters: filters().optional(),
    visibility: visibility().optional(),
  }),
  update: z.strictObject({
    viewId: plainId(),
    changes: z.strictObject({
      name: text(LIST_VIEW_LIMITS.name).optional(),
      columns: columns().optional(),
      sort: sort().optional(),
      filters: filters().optional(),
      visibility: visibility().optional(),
    }),
  }),
  delete: z.strictObject({ viewId: plainId() }),
  list: z.strictObject({ viewer: ActorSchema }),
  fields: z.strictObject({ viewer: ActorSchema }),
  get: z.strictObject({ viewer: ActorSchema, view: viewReference() }),
  exportCsv: z.strictObject({ ...listed, contact: z.boolean().optional() }),
  leadList: z.strictObject({ ...listed, cursor: cursor().optional(), limit: limit().optional() }),
} as const;
