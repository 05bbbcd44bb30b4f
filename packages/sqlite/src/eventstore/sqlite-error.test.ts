import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { isSqliteError } from './sqlite-error.js';

describe('isSqliteError', () => {
  it("recognises better-sqlite3's errors by name and code", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    db.prepare('INSERT INTO t VALUES (?)').run('a');
    let caught: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('a');
    } catch (error) {
      caught = error;
    }
    db.close();
    expect(isSqliteError(caught)).toBe(true);
    expect(isSqliteError(caught) && caught.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
  });

  it('recognises an error of another copy of the class, which instanceof would miss', () => {
    class SqliteError extends Error {
      override readonly name = 'SqliteError';
      constructor(
        message: string,
        readonly code: string,
      ) {
        super(message);
      }
    }
    const foreign = new SqliteError('UNIQUE constraint failed: events.event_id', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(foreign instanceof Database.SqliteError).toBe(false);
    expect(isSqliteError(foreign)).toBe(true);
  });

  it('refuses other errors and values', () => {
    expect(isSqliteError(new Error('boom'))).toBe(false);
    expect(isSqliteError(Object.assign(new Error('x'), { name: 'SqliteError', code: 42 }))).toBe(false);
    expect(isSqliteError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isSqliteError({ name: 'SqliteError', code: 'SQLITE_BUSY' })).toBe(false);
    expect(isSqliteError(null)).toBe(false);
    expect(isSqliteError('SQLITE_BUSY')).toBe(false);
  });
});
