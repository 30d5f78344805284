import { bootstrapTokenMatches } from './bootstrap-token';

describe('bootstrap token comparison', () => {
  it('matches only the configured token, exactly', () => {
    expect(bootstrapTokenMatches('s3cret-token-value', 's3cret-token-value')).toBe(true);
    expect(bootstrapTokenMatches('s3cret-token-valuE', 's3cret-token-value')).toBe(false);
    expect(bootstrapTokenMatches('s3cret', 's3cret-token-value')).toBe(false);
    expect(bootstrapTokenMatches('', 's3cret-token-value')).toBe(false);
  });

  it('matches nothing when no token is configured or none is given', () => {
    expect(bootstrapTokenMatches(undefined, 's3cret-token-value')).toBe(false);
    expect(bootstrapTokenMatches('anything', undefined)).toBe(false);
    expect(bootstrapTokenMatches(undefined, undefined)).toBe(false);
  });
});
