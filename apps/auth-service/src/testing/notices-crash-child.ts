/**
 * A separate OS process running auth-service on DATA_DIR whose SMTP server does not answer: it
 * changes a password over HTTP (PasswordChanged is appended), prints the account's email address,
 * and kills itself with SIGKILL, so the notice is in the store and was never sent.
 * Usage: notices-crash-child <dataDir> <deadSmtpPort>
 */
import { AuthTestApp, STRONG_PASSWORD } from './auth-test-app';

async function main(): Promise<void> {
  const [dataDir, deadPort] = process.argv.slice(2);
  const app = await AuthTestApp.start(
    { DATA_DIR: dataDir },
    {
      NOTIFIER_EMAIL: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: deadPort,
      SMTP_FROM: 'Accounts <no-reply@example.com>',
      SMTP_TIMEOUT_MS: '100',
    },
  );
  const orgId = await app.organization();
  const user = await app.activeAccount(orgId, 'carla');
  const { bearer } = await app.tokens('carla');
  const newPassword = 'a brand new password 1';
  const res = await app.http().put('/auth/me/password').set(bearer).send({
    currentPassword: STRONG_PASSWORD,
    newPassword,
    repeatPassword: newPassword,
  });
  if (res.status !== 200)
    throw new Error(`password change: ${res.status} ${JSON.stringify(res.body)}`);
  process.stdout.write(`${JSON.stringify({ email: user.email })}\n`);
  process.kill(process.pid, 'SIGKILL');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
