import type { AccountTimeZoneChanged } from '@accounts/contracts';
import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

describe("security notices print their times in the account's time zone (real SMTP server)", () => {
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

  it('a password change is told with the time in New York for an account set to America/New_York', async () => {
    const user = await app.activeAccount(orgId, 'nora');
    const zone: AccountTimeZoneChanged = {
      type: 'AccountTimeZoneChanged',
      data: { accountId: user.accountId, from: 'UTC', to: 'America/New_York' },
    };
    await app.append(`account-${user.accountId}`, [zone as never], user.accountId);
    const { bearer } = await app.tokens('nora');
    const changed = await app.http().put('/auth/me/password').set(bearer).send({
      currentPassword: STRONG_PASSWORD,
      newPassword: 'another long password 77',
      repeatPassword: 'another long password 77',
    });
    expectStatus(changed, 200);
    const mail = await mailbox.waitFor(user.email, 'Your password was changed');
    expect(mail.text).toMatch(/changed on \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d America\/New_York/);
    expect(mail.text).not.toContain('UTC');
  });

  it('an account set to UTC gets UTC', async () => {
    const user = await app.activeAccount(orgId, 'omar');
    const { bearer } = await app.tokens('omar');
    await app.http().put('/auth/me/password').set(bearer).send({
      currentPassword: STRONG_PASSWORD,
      newPassword: 'another long password 78',
      repeatPassword: 'another long password 78',
    });
    expect((await mailbox.waitFor(user.email, 'Your password was changed')).text).toContain(
      ' UTC.',
    );
  });
});
