/**
 * A separate OS process (another worker of the service) on a shared SQLite limiter file, for the
 * multi-process tests. Usage: backoff-worker <path> fail <key> <count> | race <key> <tries>
 * - fail: records <count> failures for <key>, prints "failed <count>" and exits;
 * - race: waits for "go" on stdin, then <tries> times, for 500 ms at most (less than the first
 *   back-off, 1 s): a guess is allowed while the key is not backed off, and every allowed guess is
 *   a failure; prints "allowed <n>".
 */
import { BackoffLimiter } from '../../backoff-limiter';
import { SqliteLimiterStore } from '../sqlite-limiter-store';

const [path, mode, key, countText] = process.argv.slice(2);
const store = new SqliteLimiterStore(path);
const limiter = new BackoffLimiter({ afterFailures: 5, maxSeconds: 900, store, name: 'guesses' });

if (mode === 'fail') {
  for (let i = 0; i < Number(countText); i++) limiter.recordFailure(key, Date.now());
  store.close();
  process.stdout.write(`failed ${countText}\n`);
  process.exit(0);
}
limiter.retryAfterSeconds(key, Date.now());
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  let allowed = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 500;
  for (let i = 0; i < Number(countText) && Date.now() < until; i++) {
    if (limiter.retryAfterSeconds(key, Date.now()) === 0) {
      allowed++;
      // The secret check a real guess costs, then its failure.
      Atomics.wait(pause, 0, 0, 1);
      limiter.recordFailure(key, Date.now());
    }
    Atomics.wait(pause, 0, 0, 1);
  }
  store.close();
  process.stdout.write(`allowed ${allowed}\n`);
  process.exit(0);
});
