// When each lead of the demo CSV arrives: a backlog imported on the first morning, the rest trickling in
// on working days, in CSV order within a day.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SeededRandom } from '../random.js';

export interface CsvLead {
  readonly row: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly company: string;
  readonly source: string;
  readonly estimatedValue: string;
  readonly currency: string;
  readonly rating: string;
  readonly notes: string;
}

export interface Arrival {
  readonly day: number;
  readonly lead: CsvLead;
}

/** Share of the CSV already waiting on day one (an import of last month's backlog). */
const BACKLOG_SHARE = 0.35;

export function readDemoCsv(file: string): CsvLead[] {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return records.map((record, index) => ({
    row: index + 2,
    name: record['name'] ?? '',
    email: record['email'] ?? '',
    phone: record['phone'] ?? '',
    company: record['company'] ?? '',
    source: record['source'] ?? '',
    estimatedValue: record['estimated_value'] ?? '',
    currency: record['currency'] ?? '',
    rating: record['rating'] ?? '',
    notes: record['notes'] ?? '',
  }));
}

export function scheduleArrivals(leads: readonly CsvLead[], days: number, random: SeededRandom): Arrival[] {
  const backlog = Math.floor(leads.length * BACKLOG_SHARE);
  return leads
    .map((lead, index) => ({ day: index < backlog ? 0 : random.int(0, days - 1), lead }))
    .sort((a, b) => a.day - b.day || a.lead.row - b.lead.row);
}
