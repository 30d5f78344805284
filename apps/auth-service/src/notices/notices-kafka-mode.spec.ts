import {
  type AccountRegistered,
  type ApiCredentialGenerated,
  CredentialsEventSchemaVersions,
  ProfileEventSchemaVersions,
} from '@accounts/contracts';
import { toNewEvent } from '@accounts/event-sourcing';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { AuthTestApp } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

/** A loopback port nothing listens on: the profile topic is unreachable, as when Kafka is down or far behind. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * PROFILE_EVENTS_SOURCE=kafka: auth-service's profile facts come from accounts.profile.v2, but the
 * notices reactor reads the store. It used to look the recipient up in those Kafka-fed facts, so an API
 * credential notice waited on Kafka and was dropped as "no account" after a minute when the topic was
 * behind. It now keeps its own recipients from the same store events it queues from.
 */
describe('security notices with PROFILE_EVENTS_SOURCE=kafka, the profile topic unreachable (real SMTP server)', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start(
      {
        PROFILE_EVENTS_SOURCE: 'kafka',
        KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`,
      },
      mailbox.notifierEnv,
    );
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  const metadata = (accountId: string) => ({
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { kind: 'user' as const, accountId },
  });

  it('emails the API credential notice, with the time in the account zone, although the Kafka-fed profile facts know nothing', async () => {
    const accountId = randomUUID();
    const registered: AccountRegistered = {
      type: 'AccountRegistered',
      data: {
        accountId,
        orgId: randomUUID(),
        userName: 'paula',
        firstName: 'Paula',
        lastName: 'Kafka',
        email: 'paula@example.com',
        mobilePhone: null,
        timeZone: 'Europe/Berlin',
        sessionTimeout: '30m',
        accountType: 'standard',
        groupRestriction: { kind: 'all' },
        activation: {
          tokenSha256: 'ab'.repeat(32),
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
    };
    await app.store.append(`account-${accountId}`, [
      toNewEvent(registered, metadata(accountId), ProfileEventSchemaVersions),
    ]);
    const generated: ApiCredentialGenerated = {
      type: 'ApiCredentialGenerated',
      data: {
        accountId,
        credentialId: 'cred-1',
        clientId: 'aci_nightly',
        name: 'nightly export',
        expiresAt: null,
        secretHash: 'hmac-sha256:xyz',
      },
    };
    await app.store.append(`apicredentials-${accountId}`, [
      toNewEvent(generated, metadata(accountId), CredentialsEventSchemaVersions),
    ]);

    const mail = await mailbox.waitFor('paula@example.com', 'A new API credential', 8000);
    expect(mail.text).toContain('Hello paula');
    expect(mail.text).toContain('nightly export');
    expect(mail.text).toContain('Europe/Berlin');
  });
});
