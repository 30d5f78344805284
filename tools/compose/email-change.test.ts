import { TestMailbox } from '../../apps/auth-service/src/testing/test-mailbox';
import { expectOk, type SignedIn, Stack } from './stack';

/**
 * Changing the email address end to end: profile-service records the request, auth-service's notices
 * reactor mails the link through a real SMTP server, profile-service confirms it, the old address is
 * told, and auth-service sends the next sign-in code to the new address.
 */
describe('email change across the services, with the real SMTP test server', () => {
  let mailbox: TestMailbox;
  let stack: Stack;
  let bob: SignedIn;
  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    stack = await Stack.start(mailbox.notifierEnv);
    const admin = await stack.organization('alice');
    bob = await stack.member(admin, 'bob');
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await mailbox.close();
  });

  const tokenIn = (text: string) => /\/confirm-email\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

  it('request -> link mailed to the new address -> confirm -> old address told -> codes go to the new address', async () => {
    // Codes by email need a verified address: the old one, by a code sent to it.
    expectOk(await stack.http('auth').post('/auth/me/verification/email').set(bob.bearer), 200);
    const code = /\b(\d{6})\b/.exec(
      (await mailbox.waitFor('bob@example.com', 'Confirm your email address', 10_000)).text,
    )?.[1];
    expectOk(
      await stack
        .http('auth')
        .post('/auth/me/verification/email/confirm')
        .set(bob.bearer)
        .send({ code }),
      200,
    );
    const method = await stack
      .http('auth')
      .put('/auth/me/method')
      .set(bob.bearer)
      .send({ method: 'email-every-time' });
    expectOk(method, 200);
    const requested = await stack
      .http('profile')
      .patch('/accounts/me')
      .set(bob.bearer)
      .send({ email: 'bob.new@example.org' });
    expectOk(requested, 200);
    expect(requested.body).toMatchObject({
      email: 'bob@example.com',
      pendingEmail: { email: 'bob.new@example.org' },
    });

    const mail = await mailbox.waitFor(
      'bob.new@example.org',
      'Confirm your new email address',
      10_000,
    );
    const token = tokenIn(mail.text);
    expect(token).toHaveLength(43);

    // Until confirmed, the sign-in code goes to the old address.
    const before = await stack
      .http('auth')
      .post('/auth/login')
      .send({ userName: 'bob', password: 'correct horse battery staple 42' });
    expectOk(before, 200);
    expect(before.body.sentTo).toMatch(/@example\.com$/);

    const confirmed = await stack
      .http('profile')
      .post('/accounts/me/email/confirm')
      .set(bob.bearer)
      .send({ token });
    expectOk(confirmed, 200);
    expect(confirmed.body).toMatchObject({
      email: 'bob.new@example.org',
      pendingEmail: null,
    });
    const reused = await stack
      .http('profile')
      .post('/accounts/me/email/confirm')
      .set(bob.bearer)
      .send({ token });
    expect(reused.status).toBe(410);

    const told = await mailbox.waitFor(
      'bob@example.com',
      'The email address of your account changed',
      10_000,
    );
    expect(told.text).toContain('b***@example.org');

    // auth-service follows the confirmed address (profile facts and the proven-email reactor catch up).
    let sentTo = '';
    for (let i = 0; i < 50 && !sentTo.endsWith('@example.org'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const login = await stack
        .http('auth')
        .post('/auth/login')
        .send({ userName: 'bob', password: 'correct horse battery staple 42' });
      sentTo = login.body.sentTo ?? '';
    }
    expect(sentTo).toMatch(/@example\.org$/);
    await mailbox.waitFor('bob.new@example.org', 'Your sign-in code', 10_000);
  }, 60_000);
});
