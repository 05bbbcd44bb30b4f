// docs/events.md documents every event intake writes, at the version intake writes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ASSIGNMENT_EVENT_TYPES } from './assignment/ledger.js';
import { CONTACT_EVENT_TYPES } from './duplicates/contact-streams.js';

describe('docs/events.md', () => {
  it('has a section for every intake event type', () => {
    const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'events.md'), 'utf8');
    const documented = [...text.matchAll(/^#### (\w+) \(v(\d+)\)$/gm)].map((match) => `${match[1]} v${match[2]}`);
    expect(documented).toEqual([...CONTACT_EVENT_TYPES, ...ASSIGNMENT_EVENT_TYPES].map((type) => `${type} v1`));
  });
});
