import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

const OPERATIONS_TOKEN = 'operations-token-for-tests-0123456789abcdef';
const ops = { 'X-Operations-Token': OPERATIONS_TOKEN };

/** Every read model of auth-service, the reactors' queues included, in the one host. */
const PROJECTIONS = [
  'activation_links',
  'activation_queue',
  'disabled_accounts',
  'email_change_queue',
  'email_confirmation_queue',
  'notice_queue',
  'open_sessions',
  'profile_facts',
  'proven_emails',
  'revoked_tokens',
  'session_list',
  'trusted_devices',
];

describe('auth-service: every projection in /health and the operations API', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await AuthTestApp.start({ OPERATIONS_TOKEN });
  });
  afterAll(() => app.close());

  it('lists every projection, the notice and proven-email queues included, in /health and /ops/projections', async () => {
    await app.caughtUp();
    const health = await app.http().get('/health');
    expectStatus(health, 200);
    const { status, ...listed } = health.body.details.projections;
    expect(status).toBe('up');
    expect(Object.keys(listed).sort()).toEqual(PROJECTIONS);
    for (const name of PROJECTIONS)
      expect(listed[name]).toEqual({ lag: 0, caughtUp: true, parkedEvents: 0 });
    const list = await app.http().get('/ops/projections').set(ops);
    expectStatus(list, 200);
    expect(list.body.projections.map((p: { name: string }) => p.name).sort()).toEqual(PROJECTIONS);
  });

  it('rebuilds the notice queue through the operations API without mailing a sent notice again', async () => {
    const email = await app.accountThatChangedItsPassword('nora');
    await app.waitForMessage(email, 'password-changed');

    expectStatus(await app.http().post('/ops/projections/notice_queue/rebuild').set(ops), 202);
    for (let i = 0; i < 200; i++) {
      const list = await app.http().get('/ops/projections').set(ops);
      const queue = list.body.projections.find((p: { name: string }) => p.name === 'notice_queue');
      if (!queue.rebuilding && queue.lag === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await app.messages(email, 'password-changed')).toHaveLength(1);
  });
});
