import { credentialLikeFields } from './credential-scan';
import Ajv from 'ajv';
import { AuditEventTypes } from '../audit/audit-events';
import { AuthenticationEventTypes } from '../authentication/authentication-event-types';
import { CredentialsEventTypes } from '../credentials/credentials-event-types';
import { ProfileEventTypes } from '../profile/profile-event-types';
import { AuditTopic, Topics } from '../topics';
import { PublicTopicCatalog } from './catalog';
import { eventJsonSchema } from './event-schemas';
import {
  AuditSamples,
  AuthenticationSamples,
  CredentialsSamples,
  ProfileSamples,
  storedSample,
} from './internal-samples.fixtures';
import { toPublicMessage } from './publication';
import { upcastPublicEvent } from './upcasters';

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map(
  PublicTopicCatalog.flatMap((entry) =>
    entry.contracts.map((c) => [
      `${c.topic} ${c.type} ${c.schemaVersion}`,
      ajv.compile(eventJsonSchema(c)),
    ]),
  ),
);

/** Every internal event type each relay can meet: the contracts' type lists, plus profile-service's marker stream. */
const internalTypes: Record<string, readonly string[]> = {
  [Topics.profile]: [...Object.keys(ProfileEventTypes), 'FirstOrganizationClaimed'],
  [Topics.authentication]: Object.keys(AuthenticationEventTypes),
  [Topics.credentials]: Object.keys(CredentialsEventTypes),
  [AuditTopic]: Object.keys(AuditEventTypes),
};
const samples: Record<string, Record<string, unknown>> = {
  [Topics.profile]: ProfileSamples,
  [Topics.authentication]: AuthenticationSamples,
  [Topics.credentials]: CredentialsSamples,
  [AuditTopic]: AuditSamples,
};
/**
 * A seal's own chain hashes are the one kind of hash a topic carries: SHA-256 over events (anyone holding
 * the events can compute them), not over a secret. The scan finds exactly these and nothing else.
 */
const SEAL_CHAIN_HASHES = [
  '$.data.previousHash',
  '$.data.previousHash (hex digest)',
  '$.data.hash',
  '$.data.hash (hex digest)',
];
const KEY_OF_SAMPLE = {
  accountId: 'acc-1',
  orgId: 'org-1',
  chain: 'audit-seals',
};

describe.each(PublicTopicCatalog.map((entry) => [entry.topic, entry] as const))(
  'publication to %s',
  (topic, entry) => {
    it('has a decision (published as X, or not published and why) for every internal event type, and no other', () => {
      expect(Object.keys(entry.publication).sort()).toEqual([...internalTypes[topic]].sort());
      for (const decision of Object.values(entry.publication))
        if (!decision.published) expect(decision.why.length).toBeGreaterThan(20);
    });

    it('maps every decision to a contract of this topic, and every contract is reached by some internal type', () => {
      const targets = Object.values(entry.publication).flatMap((d) => (d.published ? [d.as] : []));
      for (const target of targets) expect(entry.contracts).toContain(target);
      for (const contract of entry.contracts) expect(targets).toContain(contract);
    });

    it.each(internalTypes[topic].map((type) => [type]))(
      '%s: publishes a valid public event without credential material, or nothing',
      (type) => {
        const stored = storedSample(type, samples[topic][type]);
        const result = toPublicMessage(entry.publication, stored);
        if (result.kind !== 'published') {
          expect(result.kind).toBe('not-published');
          return;
        }
        const { key, event } = result.message;
        const validate = validators.get(`${topic} ${event.type} ${event.schemaVersion}`);
        expect(validate).toBeDefined();
        expect(validate?.(event) ? [] : validate?.errors).toEqual([]);
        expect(credentialLikeFields(event)).toEqual(topic === AuditTopic ? SEAL_CHAIN_HASHES : []);
        // The key rule, and the position a consumer orders and deduplicates by.
        const keyField = entry.contracts.find((c) => c.type === event.type)?.key;
        expect(key).toBe((event.data as Record<string, string>)[keyField ?? 'accountId']);
        expect(key).toBe(KEY_OF_SAMPLE[keyField ?? 'accountId']);
        expect(event).toMatchObject({
          eventId: stored.eventId,
          position: stored.position,
          occurredAt: stored.occurredAt,
        });
        expect(event).not.toHaveProperty('streamId');
        expect(event).not.toHaveProperty('revision');
        // Request context once, in the metadata; orgId is a fact of the data when it matters.
        expect(event.metadata).toEqual({
          correlationId: 'corr-1',
          causationId: 'cause-1',
          actor: { kind: 'user', accountId: 'acc-1' },
          ip: '127.0.0.1',
          userAgent: 'Firefox',
        });
        expect(Object.keys(event.data as object)).not.toEqual(expect.arrayContaining(['ip']));
        expect(Object.keys(event.data as object)).not.toEqual(
          expect.arrayContaining(['userAgent']),
        );
      },
    );
  },
);

describe('the credential scan the topic tests use', () => {
  it('fires on every kind of material the internal events hold', () => {
    const internal = {
      ...ProfileSamples,
      ...AuthenticationSamples,
      ...CredentialsSamples,
    } as Record<string, unknown>;
    const found = (type: string) => credentialLikeFields(internal[type]);
    expect(found('AccountRegistered')).toEqual([
      '$.activation.tokenSha256',
      '$.activation.tokenSha256 (hex digest)',
    ]);
    expect(found('PasswordSet')).toEqual(['$.passwordHash', '$.passwordHash (argon2 hash)']);
    expect(found('AuthenticatorEnrollmentStarted')).toEqual([
      '$.encryptedSecret',
      '$.encryptedSecret (AES-GCM ciphertext)',
    ]);
    expect(found('SessionRefreshed')).toContain('$.refreshTokenSha256');
    expect(found('ApiCredentialGenerated')).toContain('$.secretHash (keyed secret hash)');
    expect(found('SignInSucceeded')).toEqual(
      expect.arrayContaining([
        '$.guard',
        '$.guard.consecutiveFailures',
        '$.guard.recentFailures',
        '$.guard.lastTotpStep',
      ]),
    );
    expect(found('TotpCodeAccepted')).toContain('$.timeStep');
    expect(
      credentialLikeFields({
        trustedDeviceId: 'd',
        newTrustedDeviceId: 'n',
        type: 'PasswordChanged',
      }),
    ).toEqual([]);
  });
});

describe('public events', () => {
  it('give durations in seconds: the session timeout choice becomes its length, never becomes null', () => {
    const registered = toPublicMessage(
      PublicTopicCatalog[0].publication,
      storedSample('AccountRegistered', ProfileSamples.AccountRegistered),
    );
    const changed = toPublicMessage(
      PublicTopicCatalog[0].publication,
      storedSample('AccountSessionTimeoutChanged', ProfileSamples.AccountSessionTimeoutChanged),
    );
    expect(registered.kind === 'published' && registered.message.event.data).toMatchObject({
      sessionTimeoutSeconds: 1800,
      activationExpiresAt: '2026-12-04T10:00:00.000Z',
    });
    expect(changed.kind === 'published' && changed.message.event.data).toEqual({
      accountId: 'acc-1',
      fromSeconds: 1800,
      toSeconds: null,
    });
  });

  it('turn the first password and a change into one PasswordChanged, saying how, without the hash', () => {
    const auth = PublicTopicCatalog[1].publication;
    const set = toPublicMessage(
      auth,
      storedSample('PasswordSet', AuthenticationSamples.PasswordSet),
    );
    const changed = toPublicMessage(
      auth,
      storedSample('PasswordChanged', AuthenticationSamples.PasswordChanged),
    );
    expect(set.kind === 'published' && set.message.event).toMatchObject({
      type: 'PasswordChanged',
      data: {
        accountId: 'acc-1',
        changedAt: '2026-12-01T10:00:00.000Z',
        by: 'activation',
        endOtherSessions: false,
      },
    });
    expect(changed.kind === 'published' && changed.message.event.data).toEqual({
      accountId: 'acc-1',
      changedAt: '2026-12-01T10:00:00.000Z',
      by: 'user',
      endOtherSessions: true,
    });
  });

  it('keep only lockedUntil of the sign-in guard', () => {
    const failed = toPublicMessage(
      PublicTopicCatalog[1].publication,
      storedSample('SignInAttemptFailed', AuthenticationSamples.SignInAttemptFailed),
    );
    expect(failed.kind === 'published' && failed.message.event.data).toEqual({
      accountId: 'acc-1',
      signinId: null,
      factor: 'password',
      failedAt: '2026-12-01T10:00:00.000Z',
      lockedUntil: '2026-12-04T10:00:00.000Z',
    });
  });

  it('say so when a type has no decision, so a relay never publishes it by default', () => {
    expect(
      toPublicMessage(
        PublicTopicCatalog[2].publication,
        storedSample('ApiCredentialSecretLeaked', { secret: 'x' }),
      ),
    ).toEqual({
      kind: 'no-decision',
    });
  });

  it('are upcast step by step to the newest version a consumer knows', () => {
    const event = {
      eventId: 'e',
      type: 'T',
      schemaVersion: 1,
      position: 1,
      occurredAt: '2026-12-01T10:00:00.000Z',
      data: { a: 1 },
      metadata: {
        correlationId: 'c',
        causationId: 'k',
        actor: { kind: 'system' as const },
      },
    };
    const upcasters = {
      T: {
        1: (d: unknown) => ({ ...(d as object), b: 2 }),
        2: (d: unknown) => ({ ...(d as object), c: 3 }),
      },
    };
    expect(upcastPublicEvent(event, upcasters)).toEqual({
      ...event,
      schemaVersion: 3,
      data: { a: 1, b: 2, c: 3 },
    });
    expect(upcastPublicEvent(event)).toBe(event);
  });
});
