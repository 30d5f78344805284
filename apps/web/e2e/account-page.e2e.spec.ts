import { generate } from 'otplib';
import {
  type Browser,
  checkPage,
  chromiumMissing,
  launch,
  type Page,
  personContext,
} from './browser';
import { type Stack, startStack } from './stack';

const PASSWORD = 'correct horse battery staple 42';
const describeInBrowser = chromiumMissing ? describe.skip : describe;
const title = chromiumMissing
  ? `account page in Chromium (skipped: ${chromiumMissing})`
  : 'account page in a real Chromium, services on one origin';

describeInBrowser(title, () => {
  jest.setTimeout(90_000);
  let stack: Stack;
  let browser: Browser;
  let admin: { page: Page; problems: string[] };
  let user: { page: Page; problems: string[] };
  let totpSecret = '';
  let recoveryCodes: string[] = [];
  let lastTotpStep = 0;
  let bobLinkShown: string | null = null;

  /** A TOTP code for a 30 s step never used before (the server refuses a replayed step). */
  const freshCode = async () => {
    const step = Math.max(Math.floor(Date.now() / 30_000), lastTotpStep + 1);
    lastTotpStep = step;
    return generate({ secret: totpSecret, epoch: step * 30 });
  };

  beforeAll(async () => {
    stack = await startStack();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 30_000);
  afterEach(() => {
    // No console error and no request to another origin, on any page, for anyone.
    expect([...(admin?.problems ?? []), ...(user?.problems ?? [])]).toEqual([]);
  });

  async function signIn(page: Page, userName: string) {
    await page.goto(`${stack.webOrigin}/signin`);
    await page.getByLabel('User name', { exact: true }).fill(userName);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function activationLinkFor(email: string, shown: string | null): Promise<string> {
    // The dev outbox of auth-service when the activation email goes through the notifier; else the link the page shows (development).
    const outbox = (await (
      await fetch(`${stack.urls['auth-service']}/dev/outbox?to=${encodeURIComponent(email)}`)
    ).json()) as { items: { text: string }[] };
    const fromMail = outbox.items
      .map((m) => /https?:\/\/\S+\/activate\?token=[\w-]+/.exec(m.text)?.[0])
      .find(Boolean);
    const link = fromMail ?? shown;
    if (!link) throw new Error(`no activation link for ${email}`);
    const url = new URL(link, stack.webOrigin);
    return url.pathname + url.search;
  }

  it('a new administrator creates the organization, activates and lands on My Account', async () => {
    admin = await personContext(browser, stack.webOrigin);
    const { page } = admin;
    await page.goto(`${stack.webOrigin}/signin`);
    await checkPage(page, 'sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('User name or email').waitFor();
    await checkPage(page, 'forgot-password');
    await page.goto(`${stack.webOrigin}/signin`);
    await page.getByRole('link', { name: 'Create an organization' }).click();
    await page.getByLabel('Organization name').fill('Acme');
    await page.getByLabel('Your user name').fill('alice');
    await page.getByLabel('First name').fill('Alice');
    await page.getByLabel('Last name').fill('Admin');
    await page.getByLabel('Email address').fill('alice@example.com');
    await page.getByLabel('Time zone').fill('Europe/Paris');
    await checkPage(page, 'create-organization');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('We sent an activation link').waitFor();
    const shown = await page
      .getByRole('link', { name: 'open the activation link' })
      .getAttribute('href');
    await page.goto(`${stack.webOrigin}${await activationLinkFor('alice@example.com', shown)}`);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await checkPage(page, 'activate');
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Your account is active.').waitFor();
    await signIn(page, 'alice');
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Alice');
    // The refresh token is an HttpOnly cookie: page scripts cannot read it, and no storage holds a token.
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
    }));
    expect(visible.cookie).not.toMatch(/accounts_session/);
    expect(visible.local + visible.session).not.toMatch(/eyJ|token/i);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'accounts_session')).toEqual(
      expect.objectContaining({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/api/session',
      }),
    );
  });

  it('the administrator creates a user, and sees the company settings', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByRole('cell', { name: 'alice', exact: true }).waitFor();
    await checkPage(page, 'admin-accounts');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('User name', { exact: true }).fill('bob');
    await page.getByLabel('First name').fill('Bob');
    await page.getByLabel('Last name').fill('Roe');
    await page.getByLabel('Email address').fill('bob@example.com');
    await checkPage(page, 'admin-create-account');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('bob was created').waitFor();
    bobLinkShown = await page
      .getByTestId('activation-link')
      .textContent()
      .catch(() => null);
    await page.getByRole('cell', { name: 'bob', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Company settings' }).click();
    await page.getByLabel('Organization name').waitFor();
    await checkPage(page, 'admin-company-settings');
    // SMS codes are not allowed in this organization: users see the SMS methods disabled, with the reason.
    await page.getByLabel('SMS codes').uncheck();
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('Company settings saved.').waitFor();
  });

  it('the user activates from the emailed link, signs in and edits the profile (with a field error first)', async () => {
    user = await personContext(browser, stack.webOrigin);
    const { page } = user;
    await page.goto(
      `${stack.webOrigin}${await activationLinkFor('bob@example.com', bobLinkShown)}`,
    );
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Your account is active.').waitFor();
    await signIn(page, 'bob');
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    await checkPage(page, 'my-account');

    await page.getByLabel('User name', { exact: true }).fill('bob smith');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    // The message sits under the field and is tied to it (aria-describedby).
    const fieldError = page.locator(
      `[id="${await page.getByLabel('User name', { exact: true }).getAttribute('id')}-error"]`,
    );
    await expectText(fieldError, /userName must be 1 to 64 letters or digits/);
    await checkPage(page, 'my-account-field-error');

    await page.getByLabel('User name', { exact: true }).fill('bob');
    await page.getByLabel('Mobile phone').fill('+33 6 12 34 56 78');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Session timeout').selectOption('1h');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Saved' }),
      /Saved: .*Mobile phone.*Time zone.*Session timeout/,
    );
    await page.reload();
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/New_York');
  });

  it('asks for the password in place when a change needs a recent sign-in, and saves what was typed', async () => {
    const { page } = user;
    // The services ask again only after 15 minutes: the first save is answered as they would then.
    let refused = 0;
    await page.route('**/api/profile/accounts/me', async (route) => {
      if (route.request().method() !== 'PATCH' || refused > 0) return route.fallback();
      refused += 1;
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'This change needs a recent sign-in: sign in again',
          code: 'SECURITY-recent-sign-in-required',
        }),
      });
    });
    await page.getByLabel('First name').fill('Robert');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
    await dialog.waitFor();
    await checkPage(page, 'reauth-in-place');
    expect(await page.getByLabel('First name').inputValue()).toBe('Robert');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: /Continue|Confirm/ }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Saved' }), /Saved: .*First name/);
    await page.unroute('**/api/profile/accounts/me');
    expect(refused).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Robert');
    // Chromium logs the refused save as a failed resource load; the page turned it into the dialog.
    const others = user.problems.filter((p) => !/status of 401/.test(p));
    user.problems.splice(0, user.problems.length, ...others);
  });

  it('the user changes the email address: pending until the mailed link is opened and confirmed', async () => {
    const { page } = user;
    await page.getByLabel('Email address').fill('bob.new@example.org');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    const pending = page.getByRole('status', {
      name: 'Email change waiting for confirmation',
    });
    await expectText(pending, /We sent a link to bob\.new@example\.org/);
    await expectText(pending, /go to bob@example\.com/);
    await checkPage(page, 'my-account-email-pending');
    // The confirmation email in auth-service's dev outbox (the notices reactor sends it).
    let link: string | undefined;
    for (let i = 0; i < 50 && !link; i++) {
      const outbox = (await (
        await fetch(
          `${stack.urls['auth-service']}/dev/outbox?to=${encodeURIComponent('bob.new@example.org')}`,
        )
      ).json()) as { items: { text: string }[] };
      link = outbox.items
        .map((m) => /https?:\/\/\S+\/confirm-email\?token=[\w-]+/.exec(m.text)?.[0])
        .find(Boolean);
      if (!link) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!link) throw new Error('no confirmation email to bob.new@example.org');
    const url = new URL(link, stack.webOrigin);
    await page.goto(`${stack.webOrigin}${url.pathname}${url.search}`);
    await page.getByRole('button', { name: 'Confirm my new email address' }).click();
    await expectText(page.getByRole('status'), /Your email address is now bob\.new@example\.org/);
    await checkPage(page, 'confirm-email');
    await page.goto(`${stack.webOrigin}/account`);
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
    expect(await page.getByLabel('Email address').inputValue()).toBe('bob.new@example.org');
  });

  it('the user enrolls an authenticator from the shown key (QR code and "can\'t scan")', async () => {
    const { page } = user;
    await page.getByRole('link', { name: 'Sign-in method' }).click();
    await page.getByRole('radio', { name: /^Authenticator app\b(?!, every)/ }).check();
    await checkPage(page, 'sign-in-method');
    expect(
      await page
        .getByRole('radio', { name: /^Two factor: SMS/ })
        .first()
        .isDisabled(),
    ).toBe(true);
    expect(await page.getByText('Your organization does not allow this method.').count()).toBe(2);
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await page.getByText("Can't scan?").click();
    totpSecret = (await page.getByTestId('secret-key').textContent())!.trim();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await checkPage(page, 'authenticator-enrollment');
    await page.getByLabel('Code from the app').fill(await freshCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Your authenticator app is set up.').waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    recoveryCodes = codes;
    await checkPage(page, 'recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
  });

  it('signs out and in again with a code, trusting the computer; then signs in without a code', async () => {
    const { page } = user;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'bob');
    await page.getByLabel('Verification code').waitFor();
    await checkPage(page, 'sign-in-code');
    await page.getByLabel('Verification code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Verification code').fill(await freshCode());
    expect(await page.getByLabel(/Trust this computer/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'My Account' }).waitFor();

    await page.getByRole('link', { name: 'Computers and sessions' }).click();
    await page.getByText('This computer').waitFor();
    await checkPage(page, 'computers-and-sessions');

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await signIn(page, 'bob');
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
  });

  it('generates an API credential, uses it against /oauth/token, then revokes it', async () => {
    const { page } = user;
    await page.getByRole('link', { name: 'API credentials' }).click();
    await page.getByLabel('Name (optional)').fill('ci');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByText('This secret will not be shown again').waitFor();
    const clientId = (await page.getByTestId('secret-client-id').textContent())!.trim();
    const secret = (await page.getByTestId('secret-secret').textContent())!.trim();
    await checkPage(page, 'api-credentials-secret');
    const grant = () =>
      fetch(`${stack.urls['credentials-service']}/oauth/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
    const granted = await grant();
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual(
      expect.objectContaining({
        access_token: expect.any(String),
        token_type: 'Bearer',
      }),
    );

    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke ci' }).click();
    await page.getByRole('dialog', { name: 'Revoke this credential?' }).waitFor();
    await checkPage(page, 'api-credentials-revoke-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('ci was revoked').waitFor();
    expect((await grant()).status).toBe(401);
    await checkPage(page, 'api-credentials');
  });

  // Before the administrator's reset below, which clears the user's second factor.
  it('a user signs in with a recovery code', async () => {
    const { page } = user;
    await page.context().clearCookies();
    await signIn(page, 'bob');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'My Account' }).waitFor();
  });

  it('shows the password page with the policy and a strength hint', async () => {
    const { page } = user;
    await page.getByRole('link', { name: 'Password' }).click();
    await page.getByLabel('New password', { exact: true }).fill('a much longer passphrase 77');
    await page.getByText(/Strength: (Good|Strong)/).waitFor();
    await checkPage(page, 'password');
  });

  it('reads the Activity page', async () => {
    const { page } = user;
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByTestId('activity').locator('li').first().waitFor();
    await checkPage(page, 'activity');
  });

  it("the administrator resets the user's authenticator with a reason", async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Manage bob' }).click();
    await page.getByRole('dialog', { name: 'Manage bob' }).waitFor();
    await checkPage(page, 'admin-manage-account');
    await page.getByLabel('Reason').fill('Lost phone, identity checked by phone call');
    await page.getByRole('button', { name: 'Reset authenticator' }).click();
    await page.getByText('The authenticator of bob was reset.').waitFor();
    // Own account: no type or group change offered, and the reason is given.
    await page.getByRole('button', { name: 'Manage alice' }).click();
    await page.getByText('This is your own account').waitFor();
    expect(await page.getByRole('button', { name: 'Change type' }).count()).toBe(0);
  });

  it('after the idle timeout (30 minutes by default) the next click leads to sign-in', async () => {
    const idle = await personContext(browser, stack.webOrigin);
    await idle.context.clock.install();
    await signIn(idle.page, 'alice');
    await idle.page.getByRole('heading', { name: 'My Account' }).waitFor();
    await idle.page.clock.fastForward('31:00');
    await idle.page.getByRole('link', { name: 'Password' }).click();
    await idle.page.getByText('You were signed out after 30 minutes without activity').waitFor();
    expect(new URL(idle.page.url()).pathname).toBe('/signin');
    expect(idle.problems).toEqual([]);
    await idle.context.close();
  });
});

async function expectText(
  locator: { waitFor(): Promise<void>; textContent(): Promise<string | null> },
  pattern: RegExp,
) {
  await locator.waitFor();
  expect(await locator.textContent()).toMatch(pattern);
}
