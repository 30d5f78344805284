import { activationLinkToken } from '@accounts/security';
import { createHash, randomBytes } from 'node:crypto';
import { activationLink } from './activation-link-sender';
import { ActivationTokens } from './activation-token';

describe('activation token', () => {
  const key = randomBytes(32);

  it('is 32 bytes in base64url, recorded only as its SHA-256, and a new one per link', () => {
    const tokens = new ActivationTokens(key);
    const { token, sha256, linkId } = tokens.issue('acc-1');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(sha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokens.issue('acc-1').token).not.toBe(token);
    // Whoever holds the key (auth-service's notifier) rebuilds it from the account and link ids; nobody else can.
    expect(activationLinkToken(key, 'acc-1', linkId).token).toBe(token);
    expect(activationLinkToken(randomBytes(32), 'acc-1', linkId).token).not.toBe(token);
  });

  it('goes into a link on the web origin', () => {
    expect(activationLink('https://accounts.example.com/', 'abc_-1')).toBe(
      'https://accounts.example.com/activate?token=abc_-1',
    );
  });
});
