// The boundary's schemas, exported and named: the same ones will generate the HTTP API's OpenAPI document.
export { ActorSchema, ActingSchema } from './acting.js';
export {
  CreateLeadInputSchema,
  CreateLeadDetailsSchema,
  UpdateLeadInputSchema,
  LeadDetailsInputSchema,
  LeadCommandInputSchemas,
  MergeRequestSchema,
  UnmergeRequestSchema,
  DuplicateProbeSchema,
  TransferTargetSchema,
  LeadIdsSchema,
} from './lead-inputs.js';
export { LeadCommandSchema } from './lead-commands.js';
export {
  CreateOrganisationInputSchema,
  ChangeSettingsInputSchema,
  SetDefaultWorkflowInputSchema,
  FieldInputSchemas,
  WorkflowCommandInputSchemas,
  AssignmentRulesSchema,
  SimulationRangeSchema,
} from './admin-inputs.js';
export { QueryInputSchemas } from './query-inputs.js';
export { ClientInputSchemas } from './client-inputs.js';
export { ContactInputSchemas } from './contact-inputs.js';
export { EmailInputSchemas, EmailTemplateSchema } from './email-inputs.js';
export { ImportOptionsSchema, CsvSourceSchema, WebFormSchema } from './intake-inputs.js';
export { parseInput, checkInput, type Checked } from './issues.js';
export { ID_SHAPE } from './primitives.js';
export { ViewInputSchemas, ListFilterSchema, ListSortSchema, AdHocViewSchema } from './view-inputs.js';
