import { CONFIGURED, PHC_CURRENT, PHC_OLD_PARAMS } from '../testing/fixtures';
import { parsePhcArgon2, passwordNeedsRehash } from './argon2-parameters';
import { deviceLabel } from './device-label';
import { maskEmail, maskPhone } from './mask-destination';

describe('argon2 parameters of a stored hash', () => {
  it('reads them from the PHC string', () => {
    expect(parsePhcArgon2(PHC_OLD_PARAMS)).toEqual({
      algorithm: 'argon2id',
      version: 19,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(parsePhcArgon2('not a hash')).toBeNull();
  });

  it('reads the parameters in the order the argon2 package writes them (m, p, t)', () => {
    const written = '$argon2id$v=19$m=65536,p=4,t=3$c2FsdHNhbHQ$aGFzaGhhc2g';
    expect(parsePhcArgon2(written)).toMatchObject({
      memoryCost: 65536,
      timeCost: 3,
      parallelism: 4,
    });
    expect(passwordNeedsRehash(written, CONFIGURED)).toBe(false);
    expect(parsePhcArgon2('$argon2id$v=19$m=65536,t=3$c2FsdA$aGFzaA')).toBeNull();
  });

  it('asks for a rehash only when they differ from the configured ones', () => {
    expect(passwordNeedsRehash(PHC_CURRENT, CONFIGURED)).toBe(false);
    expect(passwordNeedsRehash(PHC_OLD_PARAMS, CONFIGURED)).toBe(true);
    expect(passwordNeedsRehash(PHC_CURRENT, { ...CONFIGURED, timeCost: 4 })).toBe(true);
    expect(passwordNeedsRehash(PHC_CURRENT.replace('argon2id', 'argon2i'), CONFIGURED)).toBe(true);
    expect(passwordNeedsRehash('$bcrypt$whatever', CONFIGURED)).toBe(true);
  });
});

describe('masked destinations of a code', () => {
  it('keeps the first and last letter of an email and its domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a***e@example.com');
    expect(maskEmail('jo@example.com')).toBe('j***@example.com');
    expect(maskEmail('x@example.org')).toBe('x***@example.org');
  });

  it('keeps the country code and the last two digits of a phone', () => {
    expect(maskPhone('+33612345689')).toBe('+33 ******89');
    expect(maskPhone('+14155550123')).toBe('+1 ******23');
    expect(maskPhone('+447700900123')).toBe('+44 ******23');
  });
});

describe('trusted device label from the user agent', () => {
  it('names the browser and the system', () => {
    expect(
      deviceLabel(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ),
    ).toBe('Firefox on Windows');
    expect(
      deviceLabel(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(
      deviceLabel(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      deviceLabel(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome on Android');
    expect(
      deviceLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
  });

  it('falls back to what it knows', () => {
    expect(deviceLabel('curl/8.5.0')).toBe('curl');
    expect(deviceLabel(null)).toBe('Unknown device');
    expect(deviceLabel('  ')).toBe('Unknown device');
    expect(deviceLabel('x'.repeat(300))).toHaveLength(100);
  });
});
