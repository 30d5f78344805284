import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';
import { ACTIVATION_GUESSES_PER_ADDRESS } from '../application/activation/activation-guesses';

const SCANNER = '198.51.100.77';
const NEWCOMER = '203.0.113.20';

/** Requests come from 127.0.0.1, a trusted proxy here: X-Forwarded-For is the client address. */
describe('POST /auth/activate: wrong links are limited per client address (TRUST_PROXY=loopback)', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start({ TRUST_PROXY: 'loopback' });
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  const activate = (token: string, from: string) =>
    app
      .http()
      .post('/auth/activate')
      .set('X-Forwarded-For', from)
      .send({ token, password: STRONG_PASSWORD });

  it(`answers 429 with Retry-After after ${ACTIVATION_GUESSES_PER_ADDRESS} wrong links from one address, and writes nothing`, async () => {
    const head = await app.store.headPosition();
    const statuses: number[] = [];
    for (let i = 0; i < ACTIVATION_GUESSES_PER_ADDRESS; i++)
      statuses.push(
        (await activate(`${'g'.repeat(40)}${String(i).padStart(3, '0')}`, SCANNER)).status,
      );
    expect(statuses).toEqual(Array(ACTIVATION_GUESSES_PER_ADDRESS).fill(401));
    const limited = await activate('h'.repeat(43), SCANNER);
    expectStatus(limited, 429);
    expect(limited.body.code).toBe('AUTH-activation-too-many-attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await app.store.headPosition()).toBe(head);
  });

  it('still activates a real link from another address: the scanner locks out only itself', async () => {
    const account = await app.account(orgId, 'newcomer');
    expectStatus(await activate(account.activationToken, SCANNER), 429);
    expectStatus(await activate(account.activationToken, NEWCOMER), 200);
    expectStatus(await app.login('newcomer'), 200);
  });
});
