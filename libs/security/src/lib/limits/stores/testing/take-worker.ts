/**
 * A separate OS process taking from one shared sliding window, for the multi-process tests.
 * Waits for "go" on stdin so that the processes start together, then prints how many takes were allowed.
 * Usage: take-worker <sqlite:path | postgres:connectionString> <takes> <limit>
 */
import { SlidingWindowLimiter } from '../../sliding-window-limiter';
import type { LimiterStore } from '../limiter-store';
import { PostgresLimiterStore } from '../postgres-limiter-store';
import { SqliteLimiterStore } from '../sqlite-limiter-store';

const [where, takesText, limitText] = process.argv.slice(2);
const store: LimiterStore = where.startsWith('sqlite:')
  ? new SqliteLimiterStore(where.slice('sqlite:'.length))
  : new PostgresLimiterStore({
      connectionString: where.slice('postgres:'.length),
      schema: 'limits_processes',
    });
const limiter = new SlidingWindowLimiter({
  limit: Number(limitText),
  windowSeconds: 3600,
  store,
  name: 'sign-in-failures',
});
// Connected (and the table there) before the race starts.
store.get('warm-up', Date.now());
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  let allowed = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < Number(takesText); i++) {
    if (limiter.take('203.0.113.7', Date.now()) === 0) allowed++;
    // A request's worth of other work between guesses, so that the processes interleave.
    Atomics.wait(pause, 0, 0, 2);
  }
  store.close();
  process.stdout.write(`allowed ${allowed}\n`);
  process.exit(0);
});
