import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelDatabase } from '@accounts/projections';
import { adoptRetiredTables } from './adopt-retired-tables';

describe('adoptRetiredTables', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'adopt-retired-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const marks =
    'CREATE TABLE IF NOT EXISTS sent (event_id TEXT PRIMARY KEY, outcome TEXT NOT NULL)';

  it('carries the marks of the retired file over once, keeps rows already present, and renames the file', () => {
    const retired = ReadModelDatabase.forService(dir, 'svc-notices');
    retired.run(marks);
    retired.run("INSERT INTO sent VALUES ('e1', 'sent'), ('e2', 'opted-out')");
    retired.close();
    const database = ReadModelDatabase.forService(dir, 'svc');
    database.run(marks);
    database.run("INSERT INTO sent VALUES ('e2', 'stale')");
    const retiredPath = join(dir, 'svc-notices-read.sqlite');

    expect(adoptRetiredTables(database, retiredPath, ['sent', 'not_there'])).toBe(1);
    expect(database.all('SELECT event_id, outcome FROM sent ORDER BY event_id')).toEqual([
      { event_id: 'e1', outcome: 'sent' },
      { event_id: 'e2', outcome: 'stale' },
    ]);
    expect(existsSync(retiredPath)).toBe(false);
    expect(existsSync(`${retiredPath}.adopted`)).toBe(true);
    expect(adoptRetiredTables(database, retiredPath, ['sent'])).toBe(0);
    database.close();
  });
});
