import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/api-error';
import { api } from '../api/client';
import type { Enrollment } from '../api/types';
import { CopyButton, SecretValue } from '../components/CopyButton';
import { Field } from '../components/Field';
import { Layout } from '../components/Layout';
import { Notice } from '../components/Notice';
import { SIGN_IN_METHODS } from '../lib/choices';
import { useSession } from '../session/session';

interface MethodFacts {
  method: string;
  authenticatorEnrolled: boolean;
  emailVerified: boolean;
  phoneVerified: boolean;
}

export function SignInMethodPage() {
  const { org, me } = useSession();
  const [facts, setFacts] = useState<MethodFacts | null>(null);
  const [choice, setChoice] = useState('password');
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [verifying, setVerifying] = useState<{
    channel: 'email' | 'sms';
    method: string;
    sentTo: string;
  } | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<{
    kind: 'success' | 'error' | 'info';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const answer = await api.get<MethodFacts>('/api/auth/me/method');
    setFacts(answer);
    setChoice(answer.method);
  }, []);
  useEffect(
    () => void load().catch((e) => setNotice({ kind: 'error', text: messageOf(e) })),
    [load],
  );

  const forbidden = (factor: string | null): string | null => {
    if (!org) return null;
    if (factor === null)
      return org.twoFactorRequired
        ? 'Your organization requires a second factor for everyone.'
        : null;
    return org.allowedSecondFactors.includes(factor)
      ? null
      : 'Your organization does not allow this method.';
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    setBusy(true);
    try {
      const answer = await api.put<{
        method: string;
        enrollment: Enrollment | null;
      }>('/api/auth/me/method', { method: choice });
      if (answer.enrollment) {
        setEnrollment(answer.enrollment);
        setCode('');
      } else {
        setNotice({
          kind: 'success',
          text: `Saved: you now sign in with ${labelOf(answer.method)}.`,
        });
        await load();
      }
    } catch (e) {
      if (e instanceof ApiError && /not-verified/.test(e.code ?? '')) {
        const channel = /sms|phone/.test(e.code ?? '') ? 'sms' : 'email';
        await startVerification(channel, choice);
      } else setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  async function startVerification(channel: 'email' | 'sms', method: string) {
    try {
      const started = await api.post<{ sentTo: string }>(`/api/auth/me/verification/${channel}`);
      setVerifying({ channel, method, sentTo: started.sentTo });
      setCode('');
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  }

  async function confirmVerification(event: FormEvent) {
    event.preventDefault();
    if (!verifying) return;
    setCodeError(null);
    try {
      await api.post(`/api/auth/me/verification/${verifying.channel}/confirm`, {
        code: code.trim(),
      });
      await api.put('/api/auth/me/method', { method: verifying.method });
      setVerifying(null);
      setNotice({
        kind: 'success',
        text: `Verified. You now sign in with ${labelOf(verifying.method)}.`,
      });
      await load();
    } catch (e) {
      setCodeError(messageOf(e));
    }
  }

  async function confirmAuthenticator(event: FormEvent) {
    event.preventDefault();
    setCodeError(null);
    try {
      const answer = await api.post<{
        method: string;
        recoveryCodes?: string[];
      }>('/api/auth/me/authenticator/confirm', {
        code: code.replace(/\s+/g, ''),
      });
      setEnrollment(null);
      setNotice({
        kind: 'success',
        text: `Your authenticator app is set up. You now sign in with ${labelOf(answer.method)}.`,
      });
      if (answer.recoveryCodes?.length) setRecoveryCodes(answer.recoveryCodes);
      await load();
    } catch (e) {
      setCodeError(messageOf(e));
    }
  }

  if (enrollment) {
    return (
      <Layout title="Set up your authenticator app">
        <div className="panel">
          <ol className="steps">
            <li>
              Open your authenticator app (Google Authenticator, Microsoft Authenticator,
              1Password…) and scan this QR code.
            </li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <img
            className="qr"
            src={enrollment.qrCode}
            alt="QR code to scan with your authenticator app"
            width="200"
            height="200"
          />
          <details className="cant-scan">
            <summary>Can't scan? Enter this key by hand</summary>
            <SecretValue label="Key" value={enrollment.secret} />
          </details>
          <form onSubmit={confirmAuthenticator} noValidate>
            <Field
              label="Code from the app"
              name="totpCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={codeError}
            />
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setEnrollment(null)}
              >
                Cancel
              </button>
              <button type="submit" className="button" disabled={!code.trim()}>
                Continue
              </button>
            </div>
          </form>
        </div>
      </Layout>
    );
  }

  return (
    <Layout title="Sign-in method">
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {recoveryCodes && (
        <RecoveryCodes
          codes={recoveryCodes}
          userName={me?.userName ?? 'account'}
          onDone={() => setRecoveryCodes(null)}
        />
      )}
      {verifying ? (
        <form className="panel" onSubmit={confirmVerification} noValidate>
          <h2>Confirm your {verifying.channel === 'email' ? 'email address' : 'mobile phone'}</h2>
          <p>We sent a 6-digit code to {verifying.sentTo}. Enter it to use this method.</p>
          <Field
            label="Verification code"
            name="verificationCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={codeError}
          />
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setVerifying(null)}
            >
              Cancel
            </button>
            <button type="submit" className="button" disabled={!code.trim()}>
              Confirm
            </button>
          </div>
        </form>
      ) : (
        <form className="panel" onSubmit={save} noValidate>
          <fieldset className="choices">
            <legend>How do you want to sign in?</legend>
            {SIGN_IN_METHODS.map((m) => {
              const reason = forbidden(m.factor);
              const id = `method-${m.value}`;
              return (
                <div
                  key={m.value}
                  className={`choice${reason ? ' choice--disabled' : ''}${choice === m.value ? ' choice--selected' : ''}`}
                >
                  <input
                    type="radio"
                    id={id}
                    name="method"
                    value={m.value}
                    checked={choice === m.value}
                    // Until the current method is known a choice would be overwritten by it.
                    disabled={!facts || !!reason}
                    onChange={() => setChoice(m.value)}
                    aria-describedby={`${id}-help`}
                  />
                  <label htmlFor={id}>
                    <span className="choice__label">
                      {m.label}
                      {facts?.method === m.value && <span className="badge">Current</span>}
                    </span>
                    <span className="choice__help" id={`${id}-help`}>
                      {m.help}
                      {reason && <strong className="choice__reason"> {reason}</strong>}
                    </span>
                  </label>
                </div>
              );
            })}
          </fieldset>
          <div className="actions">
            <button
              type="submit"
              className="button"
              disabled={busy || !facts || choice === facts.method}
            >
              Save Changes
            </button>
          </div>
        </form>
      )}
      <RecoveryCodesPanel
        enrolled={facts ? facts.method !== 'password' : false}
        onNewCodes={setRecoveryCodes}
      />
    </Layout>
  );
}

function labelOf(method: string): string {
  return SIGN_IN_METHODS.find((m) => m.value === method)?.label.toLowerCase() ?? method;
}

/** The ten codes, shown once: copy or download them now. */
export function RecoveryCodes({
  codes,
  userName,
  onDone,
}: {
  codes: string[];
  userName: string;
  onDone: () => void;
}) {
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([`Recovery codes for ${userName}\nEach code works once.\n\n${text}\n`], {
        type: 'text/plain',
      }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `recovery-codes-${userName}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="panel panel--warning" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Save your recovery codes</h2>
      <p>
        If you lose your phone, each of these codes signs you in once. They will not be shown again:
        copy or download them now and keep them somewhere safe.
      </p>
      <ul className="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <CopyButton value={text} label="Copy codes" />
        <button type="button" className="button button--secondary button--small" onClick={download}>
          Download
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </section>
  );
}

function RecoveryCodesPanel({
  enrolled,
  onNewCodes,
}: {
  enrolled: boolean;
  onNewCodes: (codes: string[]) => void;
}) {
  const [left, setLeft] = useState<number | null | 'unavailable'>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enrolled) return;
    api
      .get<{ remaining?: number; left?: number; count?: number }>('/api/auth/me/recovery-codes')
      .then((a) => setLeft(a.remaining ?? a.left ?? a.count ?? 0))
      .catch((e) =>
        e instanceof ApiError && e.status === 404 ? setLeft('unavailable') : setError(messageOf(e)),
      );
  }, [enrolled]);
  if (!enrolled || left === 'unavailable') return null;
  const regenerate = async () => {
    setError(null);
    try {
      const answer = await api.post<{
        codes?: string[];
        recoveryCodes?: string[];
      }>('/api/auth/me/recovery-codes');
      const codes = answer.codes ?? answer.recoveryCodes ?? [];
      onNewCodes(codes);
      setLeft(codes.length);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="recovery-left">
      <h2 id="recovery-left">Recovery codes</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <p>
        {left === null ? 'Loading…' : `${left} of 10 recovery codes left.`} New codes replace all
        the old ones.
      </p>
      <button type="button" className="button button--secondary" onClick={regenerate}>
        Generate new recovery codes
      </button>
    </section>
  );
}
