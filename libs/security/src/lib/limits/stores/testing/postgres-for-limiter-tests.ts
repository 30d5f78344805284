import { join } from 'node:path';

type Harness = typeof import('../../../../../../../tools/postgres/server.cjs');
type PostgresServer = Awaited<ReturnType<Harness['startPostgres']>>;

// tools/ is plain Node, not an Nx project: load the server harness by path (as the event store's tests do).
const harness: Harness = require(
  join(__dirname, '..', '..', '..', '..', '..', '..', '..', 'tools', 'postgres', 'server.cjs'),
);

/** One throwaway PostgreSQL server per test file; describe.skip with the reason where its binaries are missing. */
export function postgresForLimiterTests() {
  const here = harness.postgresAvailability();
  let server: PostgresServer | undefined;
  return {
    describe(title: string, body: () => void): void {
      if (!here.ok) {
        describe.skip(`${title} (skipped: ${here.reason})`, body);
        return;
      }
      describe(title, () => {
        beforeAll(async () => {
          server = await harness.startPostgres({});
        }, 60_000);
        afterAll(async () => {
          await server?.stop();
        }, 30_000);
        body();
      });
    },
    connectionString(): string {
      if (!server) throw new Error('the PostgreSQL server is not started');
      return server.connectionString;
    },
  };
}
