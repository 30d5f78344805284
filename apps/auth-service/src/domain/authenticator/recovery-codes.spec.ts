import type { AuthenticatorEvent } from '@accounts/contracts';
import { DeciderSpecification } from '@accounts/testing';
import { ACCOUNT, iso, methodChanged, passwordSet, sha } from '../testing/fixtures';
import type { GenerateRecoveryCodes, UseRecoveryCode } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';
import { evolveAuthenticator, initialAuthenticatorState } from './authenticator-state';
import { recoveryCodesLeft } from './decide-recovery-codes';

const spec = DeciderSpecification.for(authenticatorDecider);
/** Ten distinct fake hashes; `c` tells the sets apart. */
const hashes = (c: string) => Array.from({ length: 10 }, (_, i) => sha(c).slice(0, 63) + String(i));

const generate = (
  overrides: Partial<GenerateRecoveryCodes['data']> = {},
): GenerateRecoveryCodes => ({
  type: 'GenerateRecoveryCodes',
  data: {
    accountId: ACCOUNT,
    setId: 'set-1',
    codeSha256s: hashes('a'),
    recentSignIn: true,
    ...overrides,
  },
});
const generated = (setId = 'set-1', c = 'a'): AuthenticatorEvent => ({
  type: 'RecoveryCodesGenerated',
  data: {
    accountId: ACCOUNT,
    setId,
    codeSha256s: hashes(c),
    generatedAt: iso(0),
  },
});
const use = (codeSha256: string): UseRecoveryCode => ({
  type: 'UseRecoveryCode',
  data: { accountId: ACCOUNT, signinId: 'signin-1', codeSha256 },
});
const used = (codeIndex: number, remaining: number, setId = 'set-1'): AuthenticatorEvent => ({
  type: 'RecoveryCodeUsed',
  data: {
    accountId: ACCOUNT,
    setId,
    codeIndex,
    signinId: 'signin-1',
    remaining,
  },
});
const withSecondFactor = [passwordSet, methodChanged('password', 'email')];

describe('recovery codes: 10 single-use codes, stored only hashed', () => {
  it('makes a set for an account with a second factor', () => {
    spec.given(withSecondFactor).when(generate()).then([generated()]);
  });

  it('has nothing to replace without a second factor', () => {
    spec
      .given([passwordSet])
      .when(generate())
      .thenThrows('AUTH-recovery-codes-need-second-factor', 'conflict');
  });

  it('needs a recent sign-in to make a new set', () => {
    spec
      .given([...withSecondFactor, generated()])
      .when(generate({ recentSignIn: false }))
      .thenThrows('AUTH-recent-sign-in-required', 'forbidden');
  });

  it('uses a code once and counts what is left', () => {
    const code = hashes('a')[3];
    spec
      .given([...withSecondFactor, generated()])
      .when(use(code))
      .then([used(3, 9)]);
    spec
      .given([...withSecondFactor, generated(), used(3, 9)])
      .when(use(code))
      .thenNothingHappened();
  });

  it('ignores a wrong code and the codes of a replaced set', () => {
    spec
      .given([...withSecondFactor, generated()])
      .when(use(sha('f')))
      .thenNothingHappened();
    spec
      .given([...withSecondFactor, generated('set-1', 'a'), generated('set-2', 'b')])
      .when(use(hashes('a')[0]))
      .thenNothingHappened();
    spec
      .given([...withSecondFactor, generated('set-1', 'a'), generated('set-2', 'b')])
      .when(use(hashes('b')[0]))
      .then([used(0, 9, 'set-2')]);
  });

  it('counts the codes left of the current set', () => {
    const state = [...withSecondFactor, generated(), used(0, 9), used(5, 8)].reduce(
      evolveAuthenticator,
      initialAuthenticatorState(),
    );
    expect(recoveryCodesLeft(state)).toBe(8);
  });
});
