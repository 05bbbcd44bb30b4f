// CSV import with a progress bar: the file goes to the API a chunk of records at a time, the bar moves
// with each answer, and rows the API refused are listed with the file's row number, field and reason.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { csvChunks } from '../csv-chunks.js';
import { html } from '../html.js';
import { Alert, describeError } from '../load.js';

const ROWS_PER_CHUNK = 20;

interface Progress {
  readonly done: number;
  readonly total: number;
  readonly imported: number;
  readonly problems: readonly string[];
  readonly finished: boolean;
}

const describe = (progress: Progress): string =>
  `${progress.done} of ${progress.total} rows, ${progress.imported} imported${progress.finished ? ', done' : ''}`;

export function ImportPage() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (text: string): Promise<void> => {
    const { total, chunks } = csvChunks(text, ROWS_PER_CHUNK);
    let state: Progress = { done: 0, total, imported: 0, problems: [], finished: false };
    setProgress(state);
    setFailure(null);
    try {
      for (const chunk of chunks) {
        const report = await api.importCsv(chunk.csv);
        // The API numbers rows as a spreadsheet does (header = row 1) within the chunk; the file's row
        // number adds the records before the chunk.
        state = {
          ...state,
          done: state.done + chunk.rows,
          imported: state.imported + report.created,
          problems: [
            ...state.problems,
            ...report.errors.map((error) => `Row ${chunk.firstRow + error.row - 1}: ${error.field}: ${error.message}`),
          ],
        };
        setProgress(state);
      }
      setProgress({ ...state, finished: true });
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  const onSubmit = (event: Event): void => {
    event.preventDefault();
    const file = new FormData(event.currentTarget as HTMLFormElement).get('file');
    if (file instanceof File) void file.text().then(run);
  };

  return html`<h1>Import leads from CSV</h1>
    <p class="meta">Columns: name, email, phone, company, source, notes. A bad row is reported and writes nothing.</p>
    <form onSubmit=${onSubmit} aria-label="Import">
      <input type="file" name="file" accept=".csv,text/csv" required />
      <button type="submit">Import</button>
    </form>
    <${Alert} message=${failure} />
    ${
      progress === null
        ? null
        : html`<div class="import-progress">
            <progress max=${progress.total} value=${progress.done} aria-label="Import progress"></progress>
            <span role="status" data-finished=${progress.finished}>${describe(progress)}</span>
            <ul class="problems">
              ${progress.problems.map((problem) => html`<li>${problem}</li>`)}
            </ul>
          </div>`
    }`;
}
