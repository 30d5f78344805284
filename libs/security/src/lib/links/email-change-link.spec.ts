import { randomBytes } from 'node:crypto';
import { activationLinkToken } from './activation-link-key';
import { emailChangeLinkToken, sha256Hex } from './email-change-link';

describe('email-change link tokens', () => {
  const key = randomBytes(32);

  it('are derived: the same key and request give the same token, whose hash is what the event records', () => {
    const a = emailChangeLinkToken(key, 'acc-1', 'req-1');
    expect(emailChangeLinkToken(key, 'acc-1', 'req-1')).toEqual(a);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.sha256).toBe(sha256Hex(a.token));
  });

  it('differ by account, request and key, and never equal an activation token of the same ids', () => {
    const a = emailChangeLinkToken(key, 'acc-1', 'req-1').token;
    expect(emailChangeLinkToken(key, 'acc-2', 'req-1').token).not.toBe(a);
    expect(emailChangeLinkToken(key, 'acc-1', 'req-2').token).not.toBe(a);
    expect(emailChangeLinkToken(randomBytes(32), 'acc-1', 'req-1').token).not.toBe(a);
    expect(activationLinkToken(key, 'acc-1', 'req-1').token).not.toBe(a);
  });
});
