import { createHash } from 'node:crypto';
import { activationLink } from './activation-link-sender';
import { newActivationToken } from './activation-token';

describe('activation token', () => {
  it('is 32 random bytes in base64url, recorded only as its SHA-256', () => {
    const { token, sha256 } = newActivationToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(sha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(newActivationToken().token).not.toBe(token);
  });

  it('goes into a link on the web origin', () => {
    expect(activationLink('https://accounts.example.com/', 'abc_-1')).toBe(
      'https://accounts.example.com/activate?token=abc_-1',
    );
  });
});
