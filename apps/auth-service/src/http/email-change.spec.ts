import type { AccountEmailChanged } from '@accounts/contracts';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

describe('changing the email address: codes follow only a confirmed address; the old address is told', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.create({}, mailbox.notifierEnv);
    orgId = await app.organization();
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

  it('keeps sending sign-in codes to the old confirmed address until the new one is confirmed', async () => {
    const user = await app.activeAccount(orgId, 'hugo');
    const { bearer } = await app.tokens('hugo');
    expectStatus(
      await app.http().post('/auth/me/verification/email').set(bearer),
      200,
    );
    const proof = codeIn(
      (await mailbox.waitFor(user.email, 'Confirm your email address')).text,
    );
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(bearer)
        .send({ code: proof }),
      200,
    );
    expectStatus(
      await app
        .http()
        .put('/auth/me/method')
        .set(bearer)
        .send({ method: 'email-every-time' }),
      200,
    );

    // profile-service records the change (PATCH /accounts/me): AccountEmailChanged.
    const changed: AccountEmailChanged = {
      type: 'AccountEmailChanged',
      data: {
        accountId: user.accountId,
        from: user.email,
        to: 'hugo.new@example.org',
      },
    };
    await app.append(
      `account-${user.accountId}`,
      [changed as never],
      user.accountId,
    );
    const told = await mailbox.waitFor(
      user.email,
      'The email address of your account changed',
    );
    expect(told.text).toContain('to h***@example.org');
    expect(told.text).toContain(
      'Sign-in codes keep coming here until the new address is confirmed',
    );

    const challenge = await app.login('hugo');
    expect(challenge.body.sentTo).toMatch(/@example\.com$/);
    const code = codeIn(
      (await mailbox.waitFor(user.email, 'Your sign-in code')).text,
    );
    expect(
      mailbox
        .mails('hugo.new@example.org')
        .filter((m) => m.subject === 'Your sign-in code'),
    ).toEqual([]);
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(passed, 200);

    // Confirmed: from now on the new address gets the codes.
    const next = { Authorization: `Bearer ${passed.body.accessToken}` };
    expectStatus(
      await app.http().post('/auth/me/verification/email').set(next),
      200,
    );
    const newProof = codeIn(
      (
        await mailbox.waitFor(
          'hugo.new@example.org',
          'Confirm your email address',
        )
      ).text,
    );
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(next)
        .send({ code: newProof }),
      200,
    );
    const after = await app.login('hugo');
    expect(after.body.sentTo).toMatch(/@example\.org$/);
    await mailbox.waitFor('hugo.new@example.org', 'Your sign-in code');
  });
});
