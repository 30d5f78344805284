import { loadActivationLinkKey } from '@accounts/security';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { ActivationTokens } from '../application/activation/activation-token';
import { EmailChangeLinks } from '../application/email-change/email-change-links';
import type { ProfileConfig } from '../config';

/**
 * Activation tokens derived from ACTIVATION_LINK_KEY. In production (NODE_ENV=production or
 * EventStoreDB configured) the key must be configured: auth-service must hold the same one to email the link.
 */
export const activationTokensProvider: Provider = {
  provide: ActivationTokens,
  inject: [SERVICE_CONFIG],
  useFactory: (config: ProfileConfig) => new ActivationTokens(linkKey(config)),
};

/** Confirmation links of new email addresses: the same key, another label (email-change:…). */
export const emailChangeLinksProvider: Provider = {
  provide: EmailChangeLinks,
  inject: [SERVICE_CONFIG],
  useFactory: (config: ProfileConfig) => new EmailChangeLinks(linkKey(config)),
};

function linkKey(config: ProfileConfig): Buffer {
  const production = config.NODE_ENV === 'production' || !!config.EVENTSTORE_CONNECTION_STRING;
  if (production && !config.ACTIVATION_LINK_KEY)
    throw new Error(
      'ACTIVATION_LINK_KEY must be set in production: auth-service emails activation links derived from the same key',
    );
  return loadActivationLinkKey(config.DATA_DIR, config.ACTIVATION_LINK_KEY);
}
