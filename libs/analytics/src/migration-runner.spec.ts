import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, splitStatements } from './migration-runner';

describe('splitStatements', () => {
  it('splits on a semicolon at a line end and drops comment lines', () => {
    const sql = [
      '-- a comment; with a semicolon',
      'CREATE TABLE a',
      "(x String DEFAULT 'a;b')",
      'ENGINE = Memory;',
      '',
      'CREATE VIEW v AS SELECT 1;',
      '',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      "CREATE TABLE a\n(x String DEFAULT 'a;b')\nENGINE = Memory",
      'CREATE VIEW v AS SELECT 1',
    ]);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2\n')).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('loadMigrations', () => {
  it('orders files by version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '010-create-b.sql'), 'SELECT 10;');
    writeFileSync(join(dir, '002-create-a.sql'), 'SELECT 2;');
    expect(loadMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [2, 'create-a'],
      [10, 'create-b'],
    ]);
  });

  it('rejects a file name outside NNN-<verb>-<table>.sql and a duplicate version', () => {
    const bad = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(bad, 'create_requests.sql'), 'SELECT 1;');
    expect(() => loadMigrations(bad)).toThrow(/NNN-<verb>-<table>/);
    const dup = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dup, '001-create-a.sql'), 'SELECT 1;');
    writeFileSync(join(dup, '001-create-b.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dup)).toThrow(/Duplicate migration version 1/);
  });
});
