import { PASSWORD_POLICY, passwordStrength } from '../lib/password-strength';
import { Field } from './Field';

/** New password + repeat, with the policy shown and a strength hint. */
export function PasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
  repeatError,
  label = 'New password',
}: {
  password: string;
  repeat: string;
  onPassword: (v: string) => void;
  onRepeat: (v: string) => void;
  error?: string | null;
  repeatError?: string | null;
  label?: string;
}) {
  const strength = passwordStrength(password);
  return (
    <>
      <Field
        label={label}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={error}
        hint={
          <>
            <ul className="policy">
              {PASSWORD_POLICY.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
            {password && (
              <span className={`strength strength--${strength.score}`} aria-live="polite">
                <span className="strength__bar" aria-hidden="true" />
                Strength: {strength.label}
              </span>
            )}
          </>
        }
      />
      <Field
        label="Repeat the new password"
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => onRepeat(e.target.value)}
        error={
          repeatError ??
          (repeat && repeat !== password ? 'The two passwords are not the same yet' : null)
        }
      />
    </>
  );
}
