// The committed demo CSV is exactly what its generator writes: it cannot drift from the script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DEMO_CSV_FILE, demoCsv, generateDemoRows } from './generate-leads.js';

describe('the demo CSV', () => {
  it("is the generator's output, with a few hundred leads and deliberate duplicates", () => {
    expect(readFileSync(DEMO_CSV_FILE, 'utf8')).toBe(demoCsv());
    const rows = generateDemoRows();
    expect(rows.length).toBe(320);
    const emails = rows.map((row) => row.email.trim().toLowerCase()).filter((email) => email !== '');
    expect(emails.length - new Set(emails).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((row) => row.source)).size).toBeGreaterThanOrEqual(5);
  });
});
