export { importCsv, CsvFormatError, type ImportOptions, type ImportReport, type ImportDuplicate } from './import-csv';
export { detectDelimiter, openSource, type CsvSource, type Delimiter, type OpenedSource } from './csv-source';
export {
  detectMapping,
  headerKey,
  HeaderMappingError,
  IMPORT_FIELDS,
  type HeaderMapping,
  type HeaderMappingOverrides,
  type ImportField,
} from './header-mapping';
export { errorReportCsv, writeErrorReport, ERROR_REPORT_HEADER, type ImportRowError } from './error-report';
export type { ImportProgress } from './progress';
export type { DuplicatePolicy, RowOutcome } from './row-import';
export type { RowOptions } from './row-input';
