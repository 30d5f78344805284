import { TestMailbox } from '../../apps/auth-service/src/testing/test-mailbox';
import { expectOk, type SignedIn, Stack } from './stack';

/**
 * The security changes profile-service records, told by auth-service's notices reactor through a real
 * SMTP server: the mobile phone (where SMS codes go), the account type, the group restriction and
 * disabling (by an administrator, named), and the organization's two-factor requirement (to its
 * administrators). Each change is made over HTTP; each notice arrives once, and none can be turned off.
 */
describe('notices of security changes across the services, with the real SMTP test server', () => {
  let mailbox: TestMailbox;
  let stack: Stack;
  let alice: SignedIn;
  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    stack = await Stack.start(mailbox.notifierEnv);
    alice = await stack.organization('alice');
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await mailbox.close();
  });

  const profile = () => stack.http('profile');
  const count = (to: string, subject: string) =>
    mailbox.mails(to).filter((m) => m.subject === subject).length;

  it('tells the person of a new mobile phone number, showing only its last digits', async () => {
    const bob = await stack.member(alice, 'bob');
    expectOk(
      await profile().patch('/accounts/me').set(bob.bearer).send({ timeZone: 'Europe/Paris' }),
      200,
    );
    const set = await profile()
      .patch('/accounts/me')
      .set(bob.bearer)
      .send({ mobilePhone: '+33612345678' });
    expectOk(set, 200);
    const first = await mailbox.waitFor(
      'bob@example.com',
      'The mobile phone of your account changed',
      10_000,
    );
    expect(first.text).toContain('was set to the number ending in 78');
    expect(first.text).toContain('by you (or someone signed in to your account)');
    // In the account's time zone, like every time in a notice.
    expect(first.text).toMatch(/on \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d Europe\/Paris by/);
    expect(first.text).not.toContain('612345678');

    expectOk(
      await profile().patch('/accounts/me').set(bob.bearer).send({ mobilePhone: null }),
      200,
    );
    await waitUntil(
      () => count('bob@example.com', 'The mobile phone of your account changed') >= 2,
    );
    const mails = mailbox
      .mails('bob@example.com')
      .filter((m) => m.subject === 'The mobile phone of your account changed');
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain('was removed (it was the number ending in 78)');
  }, 30_000);

  it('tells of an account type change, a group restriction and disabling, naming the administrator and the reason', async () => {
    const carol = await stack.member(alice, 'carol');
    const dave = await stack.member(alice, 'dave');

    const groups = await profile()
      .put(`/accounts/${carol.accountId}/group-restriction`)
      .set(alice.bearer)
      .send({ groupRestriction: { kind: 'groups', groups: ['Paris', 'Lyon'] } });
    expectOk(groups, 200);
    const restricted = await mailbox.waitFor(
      'carol@example.com',
      'The device groups of your account changed',
      10_000,
    );
    expect(restricted.text).toContain('An administrator (alice) changed which device groups');
    expect(restricted.text).toContain('from all device groups to only these groups: Lyon, Paris');

    const type = await profile()
      .put(`/accounts/${carol.accountId}/account-type`)
      .set(alice.bearer)
      .send({ accountType: 'read-only' });
    expectOk(type, 200);
    const changed = await mailbox.waitFor(
      'carol@example.com',
      'The type of your account changed',
      10_000,
    );
    expect(changed.text).toContain(
      'An administrator (alice) changed the type of your account from standard to read-only',
    );

    const disabled = await profile()
      .post(`/accounts/${dave.accountId}/disable`)
      .set(alice.bearer)
      .send({ reason: 'Left the company' });
    expectOk(disabled, 200);
    const told = await mailbox.waitFor('dave@example.com', 'Your account was disabled', 10_000);
    expect(told.text).toContain('An administrator (alice) disabled your account on');
    expect(told.text).toContain('Reason given: Left the company');
    expect(told.text).toContain('You can no longer sign in');

    expectOk(
      await profile().post(`/accounts/${dave.accountId}/enable`).set(alice.bearer).send({}),
      200,
    );
    const enabled = await mailbox.waitFor(
      'dave@example.com',
      'Your account was enabled again',
      10_000,
    );
    expect(enabled.text).toContain('An administrator (alice) enabled your account again on');

    // Refused changes write nothing and tell nothing.
    const bad = await profile()
      .put(`/accounts/${dave.accountId}/account-type`)
      .set(alice.bearer)
      .send({ accountType: 'emperor' });
    expect(bad.status).toBe(400);
    const forbidden = await profile()
      .put(`/accounts/${alice.accountId}/account-type`)
      .set(carol.bearer)
      .send({ accountType: 'standard' });
    expect(forbidden.status).toBe(403);
    const anonymous = await profile()
      .put(`/accounts/${carol.accountId}/account-type`)
      .send({ accountType: 'standard' });
    expect(anonymous.status).toBe(401);

    // Enabling is the last change: once its notice arrived, every earlier one was decided, once.
    expect(count('carol@example.com', 'The device groups of your account changed')).toBe(1);
    expect(count('carol@example.com', 'The type of your account changed')).toBe(1);
    expect(count('dave@example.com', 'Your account was disabled')).toBe(1);
    expect(count('dave@example.com', 'Your account was enabled again')).toBe(1);
    expect(count('dave@example.com', 'The type of your account changed')).toBe(0);
    expect(count('alice@example.com', 'Your account was disabled')).toBe(0);
    expect(count('alice@example.com', 'The type of your account changed')).toBe(0);
  }, 60_000);

  it('tells every administrator of the organization, and only them, when its two-factor requirement changes', async () => {
    const erin = await stack.member(alice, 'erin');
    const frank = await stack.member(alice, 'frank');
    expectOk(
      await profile()
        .put(`/accounts/${erin.accountId}/account-type`)
        .set(alice.bearer)
        .send({ accountType: 'administrator' }),
      200,
    );
    await mailbox.waitFor('erin@example.com', 'The type of your account changed', 10_000);

    const on = await profile()
      .put(`/organizations/${alice.orgId}/settings`)
      .set(alice.bearer)
      .send({ twoFactorRequired: true });
    expectOk(on, 200);
    const subject = 'Two-factor sign-in is now required in your organization';
    const toErin = await mailbox.waitFor('erin@example.com', subject, 10_000);
    expect(toErin.text).toContain('An administrator (alice) turned on the two-factor requirement');
    expect(toErin.text).toContain('You receive this as an administrator of the organization');
    const toAlice = await mailbox.waitFor('alice@example.com', subject, 10_000);
    expect(toAlice.text).toContain('You (or someone signed in to your account) turned on');
    // Two administrators, two mails with their own Message-ID; the standard member gets none.
    expect(toAlice.messageId).not.toBe(toErin.messageId);

    const bad = await profile()
      .put(`/organizations/${alice.orgId}/settings`)
      .set(alice.bearer)
      .send({ twoFactorRequired: 'yes' });
    expect(bad.status).toBe(400);
    const notAdmin = await profile()
      .put(`/organizations/${alice.orgId}/settings`)
      .set(frank.bearer)
      .send({ twoFactorRequired: false });
    expect(notAdmin.status).toBe(403);

    const off = await profile()
      .put(`/organizations/${alice.orgId}/settings`)
      .set(erin.bearer)
      .send({ twoFactorRequired: false });
    expectOk(off, 200);
    const offSubject = 'Two-factor sign-in is no longer required in your organization';
    const offToAlice = await mailbox.waitFor('alice@example.com', offSubject, 10_000);
    expect(offToAlice.text).toContain('An administrator (erin) turned off');
    expect(offToAlice.text).toContain('members may now sign in with a password alone');
    await mailbox.waitFor('erin@example.com', offSubject, 10_000);

    expect(count('alice@example.com', subject)).toBe(1);
    expect(count('erin@example.com', subject)).toBe(1);
    // The refused changes (400, 403) told nobody: one "turned off" each, from erin's change.
    expect(count('alice@example.com', offSubject)).toBe(1);
    expect(count('erin@example.com', offSubject)).toBe(1);
    expect(mailbox.mails('frank@example.com').map((m) => m.subject)).not.toContain(subject);
    expect(mailbox.mails('frank@example.com').map((m) => m.subject)).not.toContain(offSubject);
  }, 60_000);

  it('lists the new notices as critical; turning one off is refused', async () => {
    const gus = await stack.member(alice, 'gus');
    const listed = await stack.http('auth').get('/auth/me/notices').set(gus.bearer);
    expectOk(listed, 200);
    for (const notice of [
      'mobile-phone-changed',
      'account-type-changed',
      'group-restriction-changed',
      'account-disabled',
      'account-enabled',
      'organization-two-factor-changed',
    ])
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({ notice, critical: true, enabled: true }),
      );
    const off = await stack
      .http('auth')
      .put('/auth/me/notices/account-disabled')
      .set(gus.bearer)
      .send({ enabled: false });
    expect(off.status).toBe(400);
    expect(off.body).toMatchObject({ code: 'AUTH-notice-critical', details: { field: 'enabled' } });
  }, 30_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
