// The inputs of the client roster: client records and their CSV import, and the roster's reads.
import { TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { ActorSchema } from './acting.js';
import { ImportOptionsSchema } from './intake-inputs.js';
import { clientId, cursor, limit, optionalText, text, validDate } from './primitives.js';

const ClientDetailsInputSchema = z.strictObject({
  name: optionalText(TEXT_LIMITS.name),
  email: optionalText(254),
  phone: optionalText(40),
  company: optionalText(TEXT_LIMITS.company),
});
const viewed = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ viewer: ActorSchema, ...shape });
const paged = { limit: limit().optional(), after: cursor().optional() };

/** One schema per entry of `leadline.clients`, named by the entry. */
export const ClientInputSchemas = {
  create: z.strictObject({
    clientId: clientId().optional(),
    details: ClientDetailsInputSchema.extend({ name: text(TEXT_LIMITS.name) }),
  }),
  update: z.strictObject({ clientId: clientId(), changes: ClientDetailsInputSchema }),
  importOptions: ImportOptionsSchema.pick({ acting: true, delimiter: true, encoding: true, errorReport: true }),
  list: viewed({ text: text(TEXT_LIMITS.name).optional(), ...paged }),
  get: viewed({ clientId: clientId() }),
  leads: viewed({ clientId: clientId(), now: validDate().optional(), ...paged }),
} as const;
