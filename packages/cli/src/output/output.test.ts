// CSV neutralising, bar charts and the checks on values typed on the command line.
import { describe, expect, it } from '@jest/globals';
import { checkSelect } from '../commands/sql/read-only-sql.js';
import { parseAsOf, parseInstant, parseMoney } from '../cli/parse.js';
import { renderBarChart } from './bar-chart.js';
import { neutraliseCell, toCsv } from './csv.js';

describe('CSV for spreadsheets', () => {
  it('neutralises cells starting with = + - @ tab or carriage return, and quotes what needs quoting', () => {
    for (const hostile of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(hostile)).toBe(`'${hostile}`);
    expect(neutraliseCell('Ada')).toBe('Ada');
    expect(toCsv(['a', 'b'], [['=x,"y"', -5]])).toBe('a,b\r\n"\'=x,""y""",-5\r\n');
  });
});

describe('command-line values', () => {
  it('reads dates, instants and positions, and refuses impossible ones', () => {
    expect(parseInstant('2026-03-01', 'when').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseAsOf('1200')).toEqual({ position: 1200n });
    expect(parseAsOf('2026-03-01')).toEqual({ instant: new Date('2026-03-01T23:59:59.999Z') });
    expect(() => parseInstant('2026-02-30', 'when')).toThrow(
      expect.objectContaining({ field: 'when', rule: 'iso-8601' }),
    );
    expect(() => parseAsOf('yesterday')).toThrow(expect.objectContaining({ field: '--as-of' }));
    expect(parseMoney('12500.50 usd', '--value', 'EUR')).toEqual({ amountMinor: 1250050, currency: 'USD' });
  });

  it('lets only a single SELECT through to the read models', () => {
    expect(checkSelect(' select 1; ')).toBe('select 1');
    expect(checkSelect('WITH x AS (SELECT 1) SELECT * FROM x')).toContain('WITH');
    expect(() => checkSelect('UPDATE t SET a = 1')).toThrow(expect.objectContaining({ rule: 'select-only' }));
    expect(() => checkSelect('SELECT 1; DELETE FROM t')).toThrow(expect.objectContaining({ rule: 'single-statement' }));
  });
});

describe('bar charts', () => {
  it('scales bars to the largest value', () => {
    expect(
      renderBarChart(
        [
          { label: 'Web', value: 10 },
          { label: 'Ad', value: 5 },
        ],
        10,
      ),
    ).toBe('Web │██████████ 10\nAd  │█████ 5');
  });
});
