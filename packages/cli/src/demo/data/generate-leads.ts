// Generates the demo's lead CSV (the package's data/leads.csv) from a fixed seed. Run once and commit the
// output: `node_modules/.bin/tsx packages/cli/src/demo/data/generate-leads.ts`. A test checks the
// committed file is exactly what this script produces.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toCsv } from '../../output/csv.js';
import { seededRandom, type SeededRandom } from '../random.js';
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, NOTES, SOURCE_WEIGHTS, companyName, type Country } from './people.js';

export const DEMO_CSV_FILE = fileURLToPath(new URL('../../../data/leads.csv', import.meta.url));
export const DEMO_CSV_HEADER = [
  'name',
  'email',
  'phone',
  'company',
  'source',
  'estimated_value',
  'currency',
  'rating',
  'notes',
] as const;
const LEAD_COUNT = 320;
const DUPLICATE_COUNT = 12;
const GENERATOR_SEED = 20260202;

type Row = Record<(typeof DEMO_CSV_HEADER)[number], string>;

const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function weightedSource(random: SeededRandom): string {
  const total = SOURCE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [source, weight] of SOURCE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return source;
  }
  return 'Website';
}

function phoneOf(random: SeededRandom, country: Country): string {
  const groups = country.groups.map((length) =>
    Array.from({ length }, (_, index) => String(index === 0 ? random.int(1, 9) : random.int(0, 9))).join(''),
  );
  return `+${country.callingCode} ${groups.join(' ')}`;
}

function leadRow(random: SeededRandom): Row {
  const country = random.pick(COUNTRIES);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = companyName(random.pick, country);
  const domain = `${ascii(company.split(' ')[0] ?? 'example')}${ascii(company.split(' ')[1] ?? '')}.${country.tld}`;
  const contact = random.next();
  const value = random.chance(0.8) ? String(random.int(10, 400) * 250) : '';
  return {
    name: `${first} ${last}`,
    email: contact < 0.15 ? '' : `${ascii(first)}.${ascii(last)}@${domain}`,
    phone: contact > 0.8 || contact < 0.15 ? phoneOf(random, country) : '',
    company,
    source: weightedSource(random),
    estimated_value: value,
    currency: value === '' ? '' : 'EUR',
    rating: random.chance(0.7) ? String(random.int(1, 5)) : '',
    notes: random.pick(NOTES),
  };
}

/** The same person entered again: the email in other letters case, or the phone written another way. */
function duplicateOf(original: Row, random: SeededRandom): Row {
  if (original.email !== '' && random.chance(0.6)) {
    return {
      ...original,
      email: `  ${original.email.toUpperCase()} `,
      phone: '',
      source: 'Event',
      notes: 'Came by our stand again',
      rating: '',
    };
  }
  const digits = original.phone.replace(/\D/g, '');
  return {
    ...original,
    phone: digits === '' ? original.phone : `00${digits}`,
    email: original.email === '' ? '' : original.email,
    source: 'Cold Call',
    notes: 'Called in; same person as before?',
  };
}

export function generateDemoRows(): Row[] {
  const random = seededRandom(GENERATOR_SEED);
  const rows: Row[] = [];
  for (let index = 0; index < LEAD_COUNT - DUPLICATE_COUNT; index += 1) rows.push(leadRow(random));
  for (let index = 0; index < DUPLICATE_COUNT; index += 1) {
    const original = rows[random.int(0, rows.length - 1)];
    if (original === undefined) continue;
    rows.splice(random.int(Math.floor(rows.length / 2), rows.length), 0, duplicateOf(original, random));
  }
  return rows;
}

export function demoCsv(): string {
  return toCsv(
    DEMO_CSV_HEADER,
    generateDemoRows().map((row) => DEMO_CSV_HEADER.map((column) => row[column])),
    { raw: true },
  );
}

if (require.main === module) {
  writeFileSync(DEMO_CSV_FILE, demoCsv());
  console.log(`wrote ${DEMO_CSV_FILE}`);
}
