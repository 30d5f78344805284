import Database from 'better-sqlite3';
import { StatementsByLimit } from './statements-by-limit';

describe('StatementsByLimit', () => {
  let db: Database.Database;
  let statements: StatementsByLimit<[number], [number]>;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (let n = 1; n <= 40; n++) insert.run(n);
    statements = new StatementsByLimit(
      db,
      (limit) => `SELECT n FROM t WHERE n > ? ORDER BY n LIMIT ${limit}`,
    );
  });
  afterEach(() => db.close());

  it('reads as many rows as the limit says, -1 for all', () => {
    expect(statements.get(3).all(10)).toEqual([[11], [12], [13]]);
    expect(statements.get(1).all(39)).toEqual([[40]]);
    expect(statements.get(-1).all(35)).toEqual([[36], [37], [38], [39], [40]]);
  });

  it('prepares a limit once and hands the same statement back', () => {
    const first = statements.get(5);
    expect(statements.get(5)).toBe(first);
    expect(first.source).toContain('LIMIT 5');
  });

  it('keeps 16 limits and prepares one it let go again, still right', () => {
    const first = statements.get(1);
    for (let limit = 2; limit <= 17; limit++) statements.get(limit);
    const again = statements.get(1);
    expect(again).not.toBe(first);
    expect(again.all(0)).toEqual([[1]]);
  });

  it('refuses a limit that is not an integer, so nothing but digits reaches the text', () => {
    expect(() => statements.get(1.5)).toThrow(RangeError);
    expect(() => statements.get(Number.NaN)).toThrow(RangeError);
    expect(() => statements.get('1; DROP TABLE t' as unknown as number)).toThrow(RangeError);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 40 });
  });
});
