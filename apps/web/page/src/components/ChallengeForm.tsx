import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/api-error';
import type { Challenge, TokenAnswer } from '../api/client';
import { answerChallenge, challengePrompt, trustsComputer } from '../api/sign-in';
import { Field } from './Field';
import { Notice } from './Notice';

/** The second step of sign-in: a code, "trust this computer" where the method allows, or a recovery code. */
export function ChallengeForm({
  challenge,
  onTokens,
  offerTrust = true,
}: {
  challenge: Challenge;
  onTokens: (t: TokenAnswer) => void;
  offerTrust?: boolean;
}) {
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [trust, setTrust] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canTrust = offerTrust && trustsComputer(challenge.method);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const value = code.trim();
      const answer = useRecovery
        ? { recoveryCode: value }
        : {
            code: value.replace(/\s+/g, ''),
            ...(canTrust ? { trustComputer: trust } : {}),
          };
      onTokens(await answerChallenge(challenge.challengeId, answer));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>
        {useRecovery
          ? 'Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once.'
          : challengePrompt(challenge)}
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      <Field
        label={useRecovery ? 'Recovery code' : 'Verification code'}
        name={useRecovery ? 'recoveryCode' : 'code'}
        inputMode={useRecovery ? 'text' : 'numeric'}
        autoComplete="one-time-code"
        autoFocus
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      {canTrust && !useRecovery && (
        <label className="checkbox">
          <input
            type="checkbox"
            name="trustComputer"
            checked={trust}
            onChange={(e) => setTrust(e.target.checked)}
          />
          Trust this computer (no code needed here next time)
        </label>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || !code.trim()}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
            setError(null);
          }}
        >
          {useRecovery ? 'Use a verification code instead' : 'Use a recovery code'}
        </button>
      </div>
    </form>
  );
}
