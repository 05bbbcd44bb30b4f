// The inputs of intake: CSV import options and sources, web form definitions, duplicate probes.
import { TEXT_LIMITS, type UserId } from '@leadline/domain';
import type { Writable } from 'node:stream';
import * as z from 'zod';
import type { ImportProgress } from '../intake/csv/progress.js';
import type { WebFormErrorReport } from '../intake/webform/web-form.js';
import { ActingSchema, ActorSchema } from './acting.js';
import { plainId, stageId, text, workflowId } from './primitives.js';

const fn = <F extends (...args: never[]) => unknown>() =>
  z.custom<F>((value) => typeof value === 'function', {
    message: 'must be a function',
    params: { rule: 'must-be-function' },
  });
const header = () => text(TEXT_LIMITS.name).nullable();
const DUPLICATE_POLICY = z.enum(['skip', 'merge', 'keep']);

export const ImportOptionsSchema = z.strictObject({
  acting: ActingSchema,
  mapping: z
    .strictObject({
      name: header().optional(),
      firstName: header().optional(),
      lastName: header().optional(),
      email: header().optional(),
      phone: header().optional(),
      company: header().optional(),
      source: header().optional(),
      notes: header().optional(),
      owner: header().optional(),
      rating: header().optional(),
      estimatedValue: header().optional(),
      currency: header().optional(),
      expectedSaleDate: header().optional(),
      customFields: z.record(plainId(), header()).optional(),
    })
    .optional(),
  duplicates: DUPLICATE_POLICY.optional(),
  dryRun: z.boolean().optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
  encoding: text(64).optional(),
  onProgress: fn<(progress: ImportProgress) => void>().optional(),
  progressEveryMs: z.number().int().min(0).optional(),
  errorReport: z
    .union([text(4096), z.custom<Writable>((value) => typeof value === 'object' && value !== null && 'write' in value)])
    .optional(),
  batchSize: z.number().int().min(1).max(10_000).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  workflowId: workflowId().optional(),
  stageId: stageId().optional(),
  defaultSource: text(TEXT_LIMITS.source).optional(),
  owners: fn<(value: string) => UserId | null>().optional(),
});

const bytes = z.union([z.string(), z.instanceof(Buffer)]);
export const CsvSourceSchema = z.union([
  z.strictObject({ path: text(4096) }),
  z.strictObject({ text: bytes }),
  z.strictObject({
    stream: z.custom<AsyncIterable<Buffer | string>>(
      (value) => typeof value === 'object' && value !== null && Symbol.asyncIterator in value,
      { message: 'must be an async iterable of chunks', params: { rule: 'async-iterable' } },
    ),
    importId: plainId(),
    bytesTotal: z.number().int().min(0).optional(),
  }),
]);

const FORM_TARGETS = ['name', 'firstName', 'lastName', 'email', 'phone', 'company', 'notes'] as const;

export const WebFormSchema = z.strictObject({
  formId: plainId(),
  actor: ActorSchema,
  fields: z.record(
    text(100),
    z.union([
      z.enum(FORM_TARGETS),
      z.templateLiteral(['customFields.', z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/)]),
    ]),
  ),
  source: text(TEXT_LIMITS.source),
  honeypot: text(100).optional(),
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024)
    .optional(),
  secret: text(500).optional(),
  duplicates: DUPLICATE_POLICY.optional(),
  workflowId: workflowId().optional(),
  stageId: stageId().optional(),
  rateLimit: z
    .union([
      z.literal(false),
      z.strictObject({
        burst: z.number().int().min(1),
        perMinute: z.number().positive(),
        maxClients: z.number().int().min(1).optional(),
      }),
    ])
    .optional(),
  clientAddress: fn<(request: Request) => string | null>().optional(),
  repeatWindowMs: z.number().int().min(0).optional(),
  onError: fn<(report: WebFormErrorReport) => void>().optional(),
});
