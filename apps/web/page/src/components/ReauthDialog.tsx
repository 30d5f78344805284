import { type FormEvent, useState } from 'react';
import { messageOf } from '../api/api-error';
import { api, type Challenge, type TokenAnswer } from '../api/client';
import { startSignIn } from '../api/sign-in';
import { ChallengeForm } from './ChallengeForm';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { Notice } from './Notice';

/** "Confirm it's you": asked in place when an action needs a recent sign-in; what was typed stays. */
export function ReauthDialog({
  userName,
  onDone,
  onCancel,
}: {
  userName: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const accept = async (tokens: TokenAnswer) => {
    await api.replaceSession(tokens);
    onDone();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const step = await startSignIn(userName, password);
      if (step.kind === 'tokens') await accept(step.tokens);
      else setChallenge(step.challenge);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Confirm it's you" onClose={onCancel}>
      {challenge ? (
        <ChallengeForm
          challenge={challenge}
          onTokens={(tokens) => void accept(tokens)}
          offerTrust={false}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <p>
            This change needs a recent sign-in. Enter your password to continue; nothing you typed
            is lost.
          </p>
          {error && <Notice kind="error">{error}</Notice>}
          <Field
            label="Password"
            name="reauthPassword"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy || !password}>
              Continue
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
