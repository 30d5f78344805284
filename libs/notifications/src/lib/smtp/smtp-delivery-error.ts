import type { NodemailerError } from 'nodemailer/lib/errors';
import { DeliveryError } from '../delivery-error';

// Failures nodemailer reports before talking to a server: the message or the setup is wrong.
const PERMANENT_WITHOUT_REPLY = new Set([
  'ENOAUTH',
  'ECONFIG',
  'EENVELOPE',
  'EMESSAGE',
  'EREQUIRETLS',
]);

/**
 * Sorts a nodemailer error: an SMTP 5xx reply is permanent (except 503), a 4xx reply and any
 * connection problem are worth another try. `recipient` is masked out of the server's words.
 */
export function smtpDeliveryError(error: unknown, tag: string, recipient?: string): DeliveryError {
  const e = (error ?? {}) as NodemailerError;
  const reply = e.responseCode;
  const words = redact(`${e.code ?? 'Error'}: ${e.message ?? String(error)}`, recipient);
  if (reply !== undefined) {
    const permanent = e.permanent ?? (reply >= 500 && reply < 600 && reply !== 503);
    const code = e.code === 'EAUTH' ? 'NOTIFY-smtp-auth-failed' : 'NOTIFY-smtp-rejected';
    return new DeliveryError({
      code,
      channel: 'smtp',
      tag,
      permanent,
      lastError: `SMTP ${reply}, ${words}`,
    });
  }
  if (e.code !== undefined && PERMANENT_WITHOUT_REPLY.has(e.code)) {
    const code = e.code === 'ENOAUTH' ? 'NOTIFY-smtp-auth-failed' : 'NOTIFY-smtp-rejected';
    return new DeliveryError({ code, channel: 'smtp', tag, permanent: true, lastError: words });
  }
  return new DeliveryError({
    code: 'NOTIFY-smtp-unreachable',
    channel: 'smtp',
    tag,
    permanent: false,
    lastError: words,
  });
}

function redact(text: string, recipient: string | undefined): string {
  return recipient ? text.split(recipient).join('<recipient>') : text;
}
