import { invalid } from '@accounts/event-sourcing';

// Dot-atom local part and a DNS host name with a top-level domain: what mail servers deliver to.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** A deliverable address, trimmed, domain lowercased (the local part may be case-sensitive). */
export function parseEmail(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    value.length <= 254 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1]);
  if (!valid) {
    throw invalid(
      'email',
      'PROFILE-email-invalid',
      'email must be a valid email address, e.g. jane@example.com',
    );
  }
  return `${local}@${labels.join('.').toLowerCase()}`;
}
