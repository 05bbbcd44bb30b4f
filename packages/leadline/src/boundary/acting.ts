// Who acts: the Actor (user or system, its organisation, its permissions) and what comes with a command.
import type { Actor } from '@leadline/domain';
import * as z from 'zod';
import type { Acting } from '../runtime/dispatcher.js';
import { jsonMetadata, orgId, permission, plainId, text, userId } from './primitives.js';

export const ActorSchema = z.strictObject({
  userId: userId(),
  orgId: orgId(),
  kind: z.enum(['user', 'system']),
  permissions: z.union([z.array(permission()).max(50), z.set(permission()).max(50)]),
});

export const ActingSchema = z.strictObject({
  actor: ActorSchema,
  idempotencyKey: text(200).optional(),
  correlationId: plainId().optional(),
  causationId: plainId().optional(),
  // A recorded event is usually passed whole: only the two fields read are checked, the rest ignored.
  causedBy: z.looseObject({ eventId: plainId(), metadata: z.looseObject({ correlationId: plainId() }) }).optional(),
  metadata: jsonMetadata().optional(),
  expectedRevision: z.bigint().min(0n).optional(),
});

// The schemas' outputs must stay assignable to the types the runtime takes: these fail to compile otherwise.
type Holds<T extends true> = T;
export type ActorSchemaFitsActor = Holds<z.output<typeof ActorSchema> extends Actor ? true : false>;
export type ActingSchemaFitsActing = Holds<z.output<typeof ActingSchema> extends Acting ? true : false>;
export type ActorInput = z.input<typeof ActorSchema>;
