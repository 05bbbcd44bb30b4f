// An email template file as a person writes it: a `Subject:` line, a blank line, then the body.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EmailTemplate } from '@leadline/domain';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';

export function readTemplateFile(cwd: string, file: string): EmailTemplate {
  const path = resolve(cwd, file);
  if (!existsSync(path)) {
    throw new CliError(CliErrorCode.FileNotFound, '--template', 'file-exists', `There is no file ${path}.`);
  }
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const match = /^Subject:[ \t]*(.*)\n\n([\s\S]*)$/.exec(text);
  if (match === null) {
    throw new CliError(
      CliErrorCode.BadInput,
      '--template',
      'subject-then-body',
      `${path} must start with a "Subject: …" line, then a blank line, then the body.`,
      'Example:\nSubject: Hello {{name}}\n\nDear {{name}}, …',
    );
  }
  return { subject: match[1] ?? '', body: match[2] ?? '' };
}
