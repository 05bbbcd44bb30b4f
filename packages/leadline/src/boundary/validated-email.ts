// The email commands of the facade behind their schemas: nothing is queued for a malformed send.
import type { EmailCommands } from '../email/email-commands.js';
import { EmailInputSchemas } from './email-inputs.js';
import { checked } from './validated-leads.js';

export function validatedEmail(email: EmailCommands): EmailCommands {
  return {
    send: checked(EmailInputSchemas.send, (input, acting) => email.send(input, acting)),
    optOut: checked(EmailInputSchemas.optOut, (input, acting) => email.optOut(input, acting)),
  };
}
