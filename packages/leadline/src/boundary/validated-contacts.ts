// The contacts entry of the facade behind its schemas.
import type { ContactCommands } from '../privacy/contacts.js';
import { parseActor } from './validated-admin.js';
import {
  EraseContactInputSchema,
  ExportClientInputSchema,
  ExportContactInputSchema,
  RetentionInputSchema,
  RetentionPolicyInputSchema,
} from './contact-inputs.js';
import { checked } from './validated-leads.js';

export function validatedContacts(contacts: ContactCommands): ContactCommands {
  return {
    erase: checked(EraseContactInputSchema, (input, acting) => contacts.erase(input, acting)),
    export: checked(ExportContactInputSchema, (input, acting) => contacts.export(input, acting)),
    exportClient: checked(ExportClientInputSchema, (input, acting) => contacts.exportClient(input, acting)),
    applyRetention: checked(RetentionInputSchema, (input, acting) => contacts.applyRetention(input, acting)),
    setRetentionPolicy: checked(RetentionPolicyInputSchema, (input, acting) =>
      contacts.setRetentionPolicy(input, acting),
    ),
    retentionPolicy: async (actor) => contacts.retentionPolicy(parseActor(actor)),
  };
}
