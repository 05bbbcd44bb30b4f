// Intake and mass work: duplicate probes, merges, CSV import, web forms, bulk transfer and delete, email.
import {
  DuplicateProbeSchema,
  EmailInputSchemas,
  ImportOptionsSchema,
  LeadIdsSchema,
  MergeRequestSchema,
  parseInput,
  TransferTargetSchema,
  UnmergeRequestSchema,
} from 'leadline';
import * as z from 'zod';
import { command, csvImport, type Route } from './route.js';

export const DuplicateQuerySchema = DuplicateProbeSchema.extend({ exceptLeadId: LeadIdsSchema.element.optional() });

/**
 * What an HTTP caller may set of an import: the mapping, the duplicates policy, a dry run and where
 * leads land. Not the error report's file path, the progress callback or the owner lookup: those are
 * the server's to choose.
 */
export const ImportQuerySchema = ImportOptionsSchema.pick({
  mapping: true,
  duplicates: true,
  dryRun: true,
  delimiter: true,
  encoding: true,
  workflowId: true,
  stageId: true,
  defaultSource: true,
});

export const BulkTransferSchema = z.strictObject({ leadIds: LeadIdsSchema, target: TransferTargetSchema });
export const BulkDeleteSchema = z.strictObject({
  leadIds: LeadIdsSchema,
  reason: z.string().optional(),
});

export const INTAKE_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/duplicates',
    entry: 'intake.findDuplicates',
    summary: 'The leads these contact details match by normalised email or phone (reads only).',
    schema: DuplicateQuerySchema,
    input: 'query',
    status: 200,
    async handle({ leadline, query, acting }) {
      const { exceptLeadId, ...details } = parseInput(DuplicateQuerySchema, query, '');
      return { status: 200, body: await leadline.intake.findDuplicates(details, acting, exceptLeadId) };
    },
  },
  command({
    method: 'POST',
    path: '/merges',
    entry: 'intake.merge',
    summary: 'Fold the absorbed leads into the survivor; nothing is deleted.',
    schema: MergeRequestSchema,
    run: (leadline, input, acting) => leadline.intake.merge(input, acting),
  }),
  command({
    method: 'POST',
    path: '/unmerges',
    entry: 'intake.unmerge',
    summary: 'Undo a merge: the survivor gets back its own details, the absorbed leads are workable again.',
    schema: UnmergeRequestSchema,
    run: (leadline, input, acting) => leadline.intake.unmerge(input, acting),
  }),
  command({
    method: 'POST',
    path: '/leads/:leadId/merge-completion',
    entry: 'intake.completeMerge',
    summary: 'Finish a merge that stopped part-way, from any lead it absorbed (null when none is pending).',
    schema: z.strictObject({ leadId: LeadIdsSchema.element }),
    run: (leadline, input, acting) => leadline.intake.completeMerge(input.leadId, acting),
  }),
  csvImport({
    path: '/imports',
    entry: 'intake.importCsv',
    summary: 'Import a CSV file (the body, text/csv); options in the query string; a bad row writes nothing.',
    schema: ImportQuerySchema,
    run: (leadline, text, options, acting) => leadline.intake.importCsv({ text }, { ...options, acting }),
  }),
  command({
    method: 'POST',
    path: '/bulk/transfer',
    entry: 'leads.bulkTransfer',
    summary: 'Transfer many leads to a user or back to the pool; each lead reports its own outcome.',
    schema: BulkTransferSchema,
    run: (leadline, { leadIds, target }, acting) => leadline.leads.bulkTransfer(leadIds, target, acting),
  }),
  command({
    method: 'POST',
    path: '/bulk/delete',
    entry: 'leads.bulkDelete',
    summary: 'Delete many leads; each lead reports its own outcome.',
    schema: BulkDeleteSchema,
    run: (leadline, { leadIds, reason }, acting) =>
      leadline.leads.bulkDelete(leadIds, { ...acting, ...(reason === undefined ? {} : { reason }) }),
  }),
  command({
    method: 'POST',
    path: '/emails',
    entry: 'email.send',
    summary: 'Queue an email to each picked lead (opted-out and address-less leads are skipped).',
    schema: EmailInputSchemas.send,
    status: 202,
    run: (leadline, input, acting) => leadline.email.send(input, acting),
  }),
  command({
    method: 'POST',
    path: '/leads/:leadId/email-opt-out',
    entry: 'email.optOut',
    summary: 'Record that the lead wants no more email.',
    schema: EmailInputSchemas.optOut,
    run: (leadline, input, acting) => leadline.email.optOut(input, acting),
  }),
];
