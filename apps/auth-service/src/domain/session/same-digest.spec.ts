import { createHash } from 'node:crypto';
import { sameDigest } from './same-digest';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sameDigest', () => {
  it('is true only for the same digest', () => {
    expect(sameDigest(digest('token-a'), digest('token-a'))).toBe(true);
    expect(sameDigest(digest('token-a'), digest('token-b'))).toBe(false);
  });

  it('tells a difference in the last character, and a different length', () => {
    const a = digest('token-a');
    const last = a.endsWith('0') ? '1' : '0';
    expect(sameDigest(a, a.slice(0, -1) + last)).toBe(false);
    expect(sameDigest(a, a.slice(0, -1))).toBe(false);
    expect(sameDigest('', '')).toBe(true);
  });
});
