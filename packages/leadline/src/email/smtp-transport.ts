// The default email transport: nodemailer over SMTP. nodemailer is an optional peer dependency, loaded
// on the first send, so an application that sends no email never installs it.
import { RuntimeError, RuntimeErrorCode } from '../commands/errors.js';
import type { EmailTransport, OutgoingEmail } from './transport.js';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (TLS from the start). */
  readonly url: string;
  /** Give up on a server that does not answer (ms). Default 30 s. */
  readonly timeoutMs?: number;
}

type Mailer = Awaited<ReturnType<typeof loadMailer>>;

async function loadMailer(options: SmtpTransportOptions) {
  let nodemailer: typeof import('nodemailer');
  try {
    nodemailer = await import('nodemailer');
  } catch (error) {
    throw new RuntimeError(
      RuntimeErrorCode.AdapterMissing,
      'email.transport',
      'nodemailer-installed',
      'The SMTP transport needs the nodemailer package: npm install nodemailer.',
      { cause: error },
    );
  }
  const timeout = options.timeoutMs ?? 30_000;
  return nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

export function createSmtpTransport(options: SmtpTransportOptions): EmailTransport {
  let mailer: Promise<Mailer> | null = null;
  return {
    async send(email: OutgoingEmail) {
      mailer ??= loadMailer(options);
      await (
        await mailer
      ).sendMail({
        messageId: email.messageId,
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
      });
    },
    async close() {
      if (mailer !== null) (await mailer).close();
    },
  };
}
