import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthTestApp } from '../testing/auth-test-app';

const ATTACKER = '198.51.100.77';

/**
 * Two auth-service instances on one DATA_DIR, as the worker processes of one service run: the
 * per-address budget lives in DATA_DIR/auth-service-limits.sqlite, so spreading guesses over the
 * instances buys an attacker nothing.
 */
describe('per-address limits shared by the instances of auth-service on one host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'auth-shared-limits-'));
  let one: AuthTestApp;
  let two: AuthTestApp;
  beforeAll(async () => {
    const env = {
      DATA_DIR: dataDir,
      TRUST_PROXY: 'loopback',
      SIGN_IN_FAILURES_PER_ADDRESS: '10',
    };
    one = await AuthTestApp.start(env);
    two = await AuthTestApp.start(env);
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('allow one budget per address in all, not one per instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const instance = i % 2 === 0 ? one : two;
      const response = await instance
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', ATTACKER)
        // A new unknown name each time: only the address budget can stop this.
        .send({
          userName: `nobody${i}`,
          password: 'not the password at all 1',
        });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(6).fill(429));
    // Another address is untouched, on either instance.
    const other = await two
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', '198.51.100.78')
      .send({ userName: 'nobody99', password: 'x' });
    expect(other.status).toBe(401);
  });
});
