// One structured line per request at info: request id, actor, the facade entry, outcome, status and
// duration. Never a body, a query string or a message at info: they may hold names and emails.
import { pino, type Logger } from 'pino';

export interface RequestLogLine {
  readonly requestId: string;
  readonly actorId: string | null;
  readonly orgId: string | null;
  readonly command: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  /** `ok`, or the error's stable code. */
  readonly outcome: string;
  readonly durationMs: number;
}

export const defaultLogger = (): Logger => pino({ name: 'leadline-http' });

export function logRequest(logger: Logger, line: RequestLogLine): void {
  if (line.status >= 500) logger.error(line, 'request failed');
  else logger.info(line, 'request');
}

/** A failure of the server, in full, under the error id its answer carried (error level: operators only). */
export function logFailure(logger: Logger, requestId: string, errorId: string, error: unknown): void {
  logger.error({ requestId, errorId, err: error }, 'unexpected error');
}
