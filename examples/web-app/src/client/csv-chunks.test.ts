import { describe, expect, it } from '@jest/globals';
import { csvChunks, csvRecords } from './csv-chunks.js';

describe('cutting a CSV file into chunks for the import progress bar', () => {
  it('keeps a quoted newline inside its record and drops blank lines and CR', () => {
    expect(csvRecords('name,notes\r\nAda,"line one\nline two"\r\n\r\nBob,plain\n')).toEqual([
      'name,notes',
      'Ada,"line one\nline two"',
      'Bob,plain',
    ]);
  });

  it('gives every chunk the header, whole records, and the file row number of its first record', () => {
    const file = ['name', 'A', 'B', 'C', 'D', 'E'].join('\n');
    const { total, chunks } = csvChunks(file, 2);
    expect(total).toBe(5);
    expect(chunks).toEqual([
      { csv: 'name\nA\nB', firstRow: 1, rows: 2 },
      { csv: 'name\nC\nD', firstRow: 3, rows: 2 },
      { csv: 'name\nE', firstRow: 5, rows: 1 },
    ]);
  });

  it('has nothing to send for an empty file or a header alone', () => {
    expect(csvChunks('', 10)).toEqual({ total: 0, chunks: [] });
    expect(csvChunks('name,email\n', 10)).toEqual({ total: 0, chunks: [] });
  });
});
