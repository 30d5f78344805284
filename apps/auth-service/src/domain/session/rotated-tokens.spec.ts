import { DeciderSpecification } from '@accounts/testing';
import { at, sha } from '../testing/fixtures';
import { ended, refresh, refreshed, startedEvent } from '../testing/session-fixtures';
import { RotatedTokens } from './rotated-tokens';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const token = (n: number) => `t${String(n).padStart(63, '0')}`;

/** A session started with sha('1') and refreshed `count` times, to token(1)...token(count). */
const history = (count: number) => [
  startedEvent(),
  ...Array.from({ length: count }, (_, i) => refreshed(token(i + 1), i + 1)),
];

describe('reuse detection on a long-lived session', () => {
  it('still ends the session when its first token comes back after 2,000 rotations', () => {
    spec
      .given(history(2000))
      .when(refresh(sha('1'), sha('9')), { now: at(2001) })
      .then([ended('refresh-token-reused', 2001)]);
    spec
      .given(history(2000))
      .when(refresh(token(1000), sha('9')), { now: at(2001) })
      .then([ended('refresh-token-reused', 2001)]);
  });

  it('rotates the current token of a long-lived session', () => {
    spec
      .given(history(2000))
      .when(refresh(token(2000), sha('9')), { now: at(2001) })
      .then([refreshed(sha('9'), 2001)]);
  });

  it('refuses a token it never issued without ending the session', () => {
    spec
      .given(history(50))
      .when(refresh(token(51), sha('9')), { now: at(60) })
      .thenThrows('AUTH-refresh-token-invalid', 'unauthorized');
  });
});

describe('RotatedTokens', () => {
  it('answers as the value it was, whatever is added to a later one', () => {
    const one = RotatedTokens.empty().with('a');
    const two = one.with('b');
    expect([one.has('a'), one.has('b'), two.has('a'), two.has('b')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('keeps two histories apart when both grow from the same older value', () => {
    const base = RotatedTokens.empty().with('a');
    const left = base.with('b');
    const right = base.with('c');
    expect([left.has('b'), left.has('c'), right.has('b'), right.has('c')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect([base.has('b'), base.has('c'), left.with('d').has('c')]).toEqual([false, false, false]);
  });
});
