import type {
  AccountEmailChanged,
  AccountEmailChangeRequested,
  AccountTimeZoneChanged,
} from '@accounts/contracts';
import { emailChangeLinkToken } from '@accounts/security';
import { randomUUID } from 'node:crypto';
import { ACTIVATION_LINK_KEY } from '../notices/notices.reactor';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

describe('changing the email address: codes follow only a confirmed address; the old address is told', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start({}, mailbox.notifierEnv);
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
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const proof = codeIn((await mailbox.waitFor(user.email, 'Confirm your email address')).text);
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(bearer)
        .send({ code: proof }),
      200,
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
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
    await app.append(`account-${user.accountId}`, [changed as never], user.accountId);
    const told = await mailbox.waitFor(user.email, 'The email address of your account changed');
    expect(told.text).toContain('to h***@example.org');
    expect(told.text).toContain(
      'Sign-in codes keep coming here until the new address is confirmed',
    );

    const challenge = await app.login('hugo');
    expect(challenge.body.sentTo).toMatch(/@example\.com$/);
    const code = codeIn((await mailbox.waitFor(user.email, 'Your sign-in code')).text);
    expect(
      mailbox.mails('hugo.new@example.org').filter((m) => m.subject === 'Your sign-in code'),
    ).toEqual([]);
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code });
    expectStatus(passed, 200);

    // Confirmed: from now on the new address gets the codes.
    const next = { Authorization: `Bearer ${passed.body.accessToken}` };
    expectStatus(await app.http().post('/auth/me/verification/email').set(next), 200);
    const newProof = codeIn(
      (await mailbox.waitFor('hugo.new@example.org', 'Confirm your email address')).text,
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

  /** AccountEmailChangeRequested as profile-service writes it: token derived from the shared key, only its hash stored. */
  function changeRequested(accountId: string, email: string) {
    const requestId = randomUUID();
    const { token, sha256 } = emailChangeLinkToken(
      app.t.app.get<Buffer>(ACTIVATION_LINK_KEY),
      accountId,
      requestId,
    );
    const requested: AccountEmailChangeRequested = {
      type: 'AccountEmailChangeRequested',
      data: {
        accountId,
        email,
        requestId,
        tokenSha256: sha256,
        expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      },
    };
    return { requestId, token, requested };
  }
  async function requestChange(accountId: string, email: string) {
    const change = changeRequested(accountId, email);
    await app.append(`account-${accountId}`, [change.requested as never], accountId);
    return change;
  }

  it('mails the confirmation link to the new address, with its expiry in the account time zone; the token is in no event', async () => {
    const user = await app.activeAccount(orgId, 'ines');
    const zone: AccountTimeZoneChanged = {
      type: 'AccountTimeZoneChanged',
      data: { accountId: user.accountId, from: 'UTC', to: 'Asia/Tokyo' },
    };
    await app.append(`account-${user.accountId}`, [zone as never], user.accountId);
    const { token } = await requestChange(user.accountId, 'ines.new@example.org');
    const mail = await mailbox.waitFor('ines.new@example.org', 'Confirm your new email address');
    expect(mail.text).toContain(`/confirm-email?token=${token}`);
    expect(mail.text).toMatch(/until .* Asia\/Tokyo/);
    expect(mail.text).toContain('sign-in codes keep going to your current address');
    expect(mailbox.mails(user.email).filter((m) => m.subject.includes('Confirm'))).toEqual([]);
    expect(JSON.stringify(await app.allEvents())).not.toContain(token);
  });

  it('mails only the newest of two requests, and tells the old address once confirmed that codes now go to the new one', async () => {
    const user = await app.activeAccount(orgId, 'jon');
    // Both requests are stored in one append, before the reactor drains: the first is replaced, not mailed.
    const first = changeRequested(user.accountId, 'jon.first@example.org');
    const newest = changeRequested(user.accountId, 'jon.second@example.org');
    await app.append(
      `account-${user.accountId}`,
      [first.requested as never, newest.requested as never],
      user.accountId,
    );
    const mail = await mailbox.waitFor('jon.second@example.org', 'Confirm your new email address');
    expect(mail.text).toContain(newest.token);
    const confirmed: AccountEmailChanged = {
      type: 'AccountEmailChanged',
      data: {
        accountId: user.accountId,
        from: user.email,
        to: 'jon.second@example.org',
        requestId: newest.requestId,
      },
    };
    await app.append(`account-${user.accountId}`, [confirmed as never], user.accountId);
    const told = await mailbox.waitFor(user.email, 'The email address of your account changed');
    expect(told.text).toContain('to j***@example.org');
    expect(told.text).toContain('sign-in codes and notices now go there');
    expect(mailbox.mails('jon.first@example.org')).toEqual([]);
  });

  it('sends codes to the new address as soon as it is confirmed with its link, even after the old one was verified by a code', async () => {
    const user = await app.activeAccount(orgId, 'kim');
    const { bearer } = await app.tokens('kim');
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const proof = codeIn((await mailbox.waitFor(user.email, 'Confirm your email address')).text);
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(bearer)
        .send({ code: proof }),
      200,
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
      200,
    );

    const { requestId } = await requestChange(user.accountId, 'kim.new@example.org');
    const confirmed: AccountEmailChanged = {
      type: 'AccountEmailChanged',
      data: {
        accountId: user.accountId,
        from: user.email,
        to: 'kim.new@example.org',
        requestId,
      },
    };
    await app.append(`account-${user.accountId}`, [confirmed as never], user.accountId);
    // The proven-email reactor records EmailVerified for the new address on the authenticator.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const events = await app.store.readStream(`authenticator-${user.accountId}`);
      if (
        events.some(
          (e) =>
            e.type === 'EmailVerified' &&
            (e.data as { email: string }).email === 'kim.new@example.org',
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const challenge = await app.login('kim');
    expect(challenge.body.sentTo).toMatch(/@example\.org$/);
    await mailbox.waitFor('kim.new@example.org', 'Your sign-in code');
    expect(mailbox.mails(user.email).filter((m) => m.subject === 'Your sign-in code')).toEqual([]);
  });
});
