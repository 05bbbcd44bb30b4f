// The CLI writes CSV with the library's one writer (leadline's export/csv.ts).
export { csvLine, neutraliseCell, toCsv, type CsvValue } from 'leadline';
