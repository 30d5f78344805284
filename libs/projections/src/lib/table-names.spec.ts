import { ProjectionRunner } from './projection-runner';
import { accountDirectory, sandbox, type Sandbox, silentLogger } from '../test/fixtures';

describe('projection definitions are checked when the runner is created', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  const create = (projections: ReturnType<typeof accountDirectory>[]) => () =>
    new ProjectionRunner({
      database: box.openReadModels(),
      source: box.store,
      projections,
      logger: silentLogger,
    });

  it('refuses names that could clash with the copies’ table names or the bookkeeping tables', () => {
    expect(create([{ ...accountDirectory(), name: 'Bad-Name' }])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-invalid-name' }),
    );
    expect(create([{ ...accountDirectory(), name: 'two__parts' }])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-invalid-name' }),
    );
    expect(create([{ ...accountDirectory(), tables: ['projection_x'] as never }])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-invalid-name' }),
    );
    expect(create([{ ...accountDirectory(), version: 0 }])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-invalid-version' }),
    );
  });

  it('refuses two projections with the same name or the same table', () => {
    expect(create([accountDirectory(), accountDirectory()])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-duplicate-name' }),
    );
    expect(create([accountDirectory(), { ...accountDirectory(), name: 'other' }])).toThrow(
      expect.objectContaining({ code: 'PROJECTION-duplicate-table' }),
    );
  });
});
