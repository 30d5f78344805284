import { AuthenticationEventSchemaVersions, ProfileEventSchemaVersions } from '@accounts/contracts';
import { toNewEvent } from '@accounts/event-sourcing';
import { AuthTestApp } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

/**
 * Notice queue v2 added the notices of profile-service's security changes, and its rebuild queues
 * their past events too. A change made before this reactor first ran is not news: it is not mailed,
 * while a notice of the first release still is (a crash just before the upgrade loses nothing).
 */
describe('notices added by an upgrade are not mailed for changes made before it (real SMTP server)', () => {
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

  it('skips a phone change from before the first start, sends the one after it and an older password change', async () => {
    const user = await app.activeAccount(orgId, 'ulla');
    const metadata = {
      correlationId: 'c-1',
      causationId: 'c-1',
      actor: { kind: 'user' as const, accountId: user.accountId },
    };
    const anHourAgo = new Date(Date.now() - 3600_000);
    const phone = (from: string | null, to: string, at?: Date) =>
      toNewEvent(
        {
          type: 'AccountMobilePhoneChanged',
          data: { accountId: user.accountId, from, to },
        },
        metadata,
        ProfileEventSchemaVersions,
        at,
      );
    await app.store.append(`account-${user.accountId}`, [phone(null, '+33612345611', anHourAgo)]);
    await app.store.append(`authenticator-${user.accountId}`, [
      toNewEvent(
        {
          type: 'PasswordChanged',
          data: {
            accountId: user.accountId,
            passwordHash: '$argon2id$x',
            endOtherSessions: false,
          },
        } as never,
        metadata,
        AuthenticationEventSchemaVersions as never,
        anHourAgo,
      ),
    ]);
    await app.store.append(`account-${user.accountId}`, [phone('+33612345611', '+33612345622')]);

    const told = await mailbox.waitFor(user.email, 'The mobile phone of your account changed');
    expect(told.text).toContain('from the number ending in 11 to the number ending in 22');
    await mailbox.waitFor(user.email, 'Your password was changed');
    expect(
      mailbox
        .mails(user.email)
        .filter((m) => m.subject === 'The mobile phone of your account changed'),
    ).toHaveLength(1);
  });
});
