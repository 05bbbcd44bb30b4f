// List views (system and saved) and a view's page or CSV export.
import { parseInput, ViewInputSchemas as v } from 'leadline';
import type * as z from 'zod';
import { command, query, type Answer, type Route, type RouteCall } from './route.js';

/** A read whose definition is too rich for a query string (filters, sorts): JSON body, the actor as viewer. */
function viewedBody<S extends z.ZodType>(spec: {
  readonly path: string;
  readonly entry: string;
  readonly summary: string;
  readonly schema: S;
  answer(call: RouteCall, input: z.output<S>): Promise<Answer>;
}): Route {
  return {
    method: 'POST',
    path: spec.path,
    entry: spec.entry,
    summary: spec.summary,
    schema: spec.schema,
    input: 'body',
    status: 200,
    handle: async (call) => {
      const given = typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body) ? call.body : {};
      return spec.answer(call, parseInput(spec.schema, { ...given, viewer: call.actor }, ''));
    },
  };
}

export const VIEW_ROUTES: readonly Route[] = [
  viewedBody({
    path: '/lead-lists',
    entry: 'leads.list',
    summary: 'A page of a view (system or saved, by id or name) or of an ad-hoc definition; `cursor` for the next.',
    schema: v.leadList,
    answer: async ({ leadline }, input) => ({ status: 200, body: await leadline.leads.list(input) }),
  }),
  viewedBody({
    path: '/views/export',
    entry: 'views.exportCsv',
    summary: 'A view as CSV (text/csv, streamed), with email and phone when `contact` is true.',
    schema: v.exportCsv,
    answer: async ({ leadline }, input) => {
      const rows = leadline.views.exportCsv(input)[Symbol.asyncIterator]();
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await rows.next();
          if (next.done === true) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
      });
      return { response: new Response(body, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } }) };
    },
  }),
  query({
    path: '/views',
    entry: 'views.list',
    summary: 'The system views and the saved views the actor may use.',
    schema: v.list,
    run: (leadline, input) => leadline.views.list(input),
  }),
  query({
    path: '/views/fields',
    entry: 'views.fields',
    summary: 'The fields a view may show, sort and filter by (custom fields included).',
    schema: v.fields,
    run: (leadline, input) => leadline.views.fields(input),
  }),
  query({
    path: '/views/:view',
    entry: 'views.get',
    summary: 'One view by id or name.',
    schema: v.get,
    subject: 'view',
    notFoundWhen: (view) => view === null,
    run: (leadline, input) => leadline.views.get(input),
  }),
  command({
    method: 'POST',
    path: '/views',
    entry: 'views.create',
    summary: 'Save a view: columns, sort, filters, private or shared.',
    schema: v.create,
    status: 201,
    run: (leadline, input, acting) => leadline.views.create(input, acting),
  }),
  command({
    method: 'PATCH',
    path: '/views/:viewId',
    entry: 'views.update',
    summary: 'Change a saved view.',
    schema: v.update,
    run: (leadline, input, acting) => leadline.views.update(input, acting),
  }),
  command({
    method: 'DELETE',
    path: '/views/:viewId',
    entry: 'views.delete',
    summary: 'Delete a saved view.',
    schema: v.delete,
    run: (leadline, input, acting) => leadline.views.delete(input, acting),
  }),
];
