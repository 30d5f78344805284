import { loadOrCreateKey } from '@accounts/security';

/**
 * The TOTP data key: TOTP_ENCRYPTION_KEY when set (production; assertProductionKeys requires it), else
 * generated once into `${DATA_DIR}/keys/auth-service.data-key` (0600) so that embedded restarts can still decrypt.
 */
export function loadDataKey(dataDir: string, configured: string | undefined): Buffer {
  return loadOrCreateKey({
    configured,
    fromConfigured: (value) => Buffer.from(value, 'base64'),
    dataDir,
    file: 'auth-service.data-key',
    bytes: 32,
  });
}
