// A CSV file cut into chunks of whole records, each with the header line, so an import can go to the
// server a chunk at a time and the progress bar can move. Quoted fields may hold newlines.

/** The file's records as written (a quoted newline stays inside its record); blank lines dropped. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) {
      records.push(text.slice(start, index).replace(/\r$/, ''));
      start = index + 1;
    }
  }
  records.push(text.slice(start).replace(/\r$/, ''));
  return records.filter((record) => record.trim() !== '');
}

export interface CsvChunk {
  /** The header and this chunk's records, a CSV file of its own. */
  readonly csv: string;
  /** The file's row number (1 = the first record after the header) of the chunk's first record. */
  readonly firstRow: number;
  readonly rows: number;
}

export function csvChunks(text: string, rowsPerChunk: number): { readonly total: number; readonly chunks: CsvChunk[] } {
  const [header, ...rows] = csvRecords(text);
  if (header === undefined) return { total: 0, chunks: [] };
  const chunks: CsvChunk[] = [];
  for (let first = 0; first < rows.length; first += rowsPerChunk) {
    const slice = rows.slice(first, first + rowsPerChunk);
    chunks.push({ csv: [header, ...slice].join('\n'), firstRow: first + 1, rows: slice.length });
  }
  return { total: rows.length, chunks };
}
