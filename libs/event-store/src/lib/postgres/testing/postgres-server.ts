import { join } from 'node:path';

type Harness = typeof import('../../../../../../tools/postgres/server.cjs');
export type PostgresServer = Awaited<ReturnType<Harness['startPostgres']>>;

// tools/ is plain Node, not an Nx project: load the server harness by path.
const WORKSPACE = join(__dirname, '..', '..', '..', '..', '..', '..');
const harness: Harness = require(join(WORKSPACE, 'tools', 'postgres', 'server.cjs'));

export const startPostgres = harness.startPostgres;

/** Decided at load time: jest needs to know whether to skip before beforeAll runs. */
export const postgresHere = harness.postgresAvailability();

export interface PostgresForTests {
  /** A describe that needs the server: skipped, with the reason in its title, where the binaries are missing. */
  describe(title: string, body: () => void): void;
  /** The server of the enclosing describe (started in beforeAll). */
  server(): PostgresServer;
  connectionString(): string;
  /** Restarts the server on the same port and data (after a kill -9 of its postmaster). */
  restart(): Promise<void>;
}

/** One real PostgreSQL server per test file: started in beforeAll, stopped and removed in afterAll. */
export function postgresForTests(
  options: Parameters<Harness['startPostgres']>[0] = {},
): PostgresForTests {
  let server: PostgresServer | undefined;
  const current = () => {
    if (!server)
      throw new Error(
        'the PostgreSQL server is not started (use the describe of postgresForTests)',
      );
    return server;
  };
  return {
    describe(title, body) {
      if (!postgresHere.ok) {
        describe.skip(`${title} (skipped: ${postgresHere.reason})`, body);
        return;
      }
      describe(title, () => {
        beforeAll(async () => {
          server = await startPostgres(options);
        }, 60_000);
        afterAll(async () => {
          await server?.stop();
        }, 30_000);
        body();
      });
    },
    server: current,
    connectionString: () => current().connectionString,
    restart: () => current().restart(),
  };
}
