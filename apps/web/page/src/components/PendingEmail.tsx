import type { PendingEmail } from '../api/types';

/**
 * The email change waiting for its link: where the link went, where codes go meanwhile, and the two
 * ways out (a new link, or withdrawing the change).
 */
export function PendingEmailPanel({
  pending,
  currentEmail,
  busy,
  onResend,
  onCancel,
}: {
  pending: PendingEmail;
  currentEmail: string;
  busy: boolean;
  onResend: () => void;
  onCancel: () => void;
}) {
  return (
    <section
      className="notice notice--info"
      role="status"
      aria-label="Email change waiting for confirmation"
    >
      <p>
        We sent a link to <strong>{pending.email}</strong>. Open it to confirm your new address (it
        works until {pending.expiresAtLocal}). Until you confirm, sign-in codes and security notices
        go to <strong>{currentEmail}</strong>.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={onResend}
        >
          Send the link again
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={onCancel}
        >
          Cancel the change
        </button>
      </div>
    </section>
  );
}
