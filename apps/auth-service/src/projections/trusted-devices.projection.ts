import { AuthenticationStreamPrefixes } from '@accounts/contracts';
import type {
  SignInCompletedData,
  TrustedDeviceAddedData,
  TrustedDeviceRevokedData,
} from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

export const TRUSTED_DEVICES = 'trusted_devices';

/**
 * GET /auth/me/trusted-devices (issue 4): devices from the authenticator streams, their uses from the
 * sign-in streams. Rebuildable: a SignInCompleted that used a device always comes after its
 * TrustedDeviceAdded in store order, so a replay from position 0 lands on the same rows.
 * The token is kept only as its SHA-256, to mark the device the request presented as `current`.
 */
export const trustedDevicesProjection = defineProjection({
  name: TRUSTED_DEVICES,
  version: 1,
  tables: ['trusted_devices'],
  // Only these types: the other sign-in and authenticator events (and every refresh) are not even read.
  filter: {
    streamPrefixes: [
      AuthenticationStreamPrefixes.authenticator,
      AuthenticationStreamPrefixes.signIn,
    ],
    eventTypes: ['TrustedDeviceAdded', 'TrustedDeviceRevoked', 'SignInCompleted'],
  },
  schema: (t) => `
    CREATE TABLE ${t.trusted_devices} (
      device_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      token_sha256 TEXT NOT NULL,
      label TEXT NOT NULL,
      ip TEXT,
      added_at TEXT NOT NULL,
      last_used_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      revoked_at TEXT
    );
    CREATE INDEX ${t.trusted_devices}_by_account ON ${t.trusted_devices} (account_id, added_at);`,
  apply(event, tx) {
    const table = tx.table.trusted_devices;
    if (event.type === 'TrustedDeviceAdded') {
      const d = event.data as TrustedDeviceAddedData;
      tx.run(
        `INSERT OR IGNORE INTO ${table} (device_id, account_id, token_sha256, label, ip, added_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        d.deviceId,
        d.accountId,
        d.tokenSha256,
        d.label,
        d.ip,
        d.addedAt,
        d.addedAt,
        d.expiresAt,
      );
    } else if (event.type === 'TrustedDeviceRevoked') {
      const d = event.data as TrustedDeviceRevokedData;
      tx.run(
        `UPDATE ${table} SET revoked_at = ? WHERE device_id = ? AND account_id = ? AND revoked_at IS NULL`,
        event.occurredAt,
        d.deviceId,
        d.accountId,
      );
    } else if (event.type === 'SignInCompleted') {
      const d = event.data as SignInCompletedData;
      if (!d.trustedDeviceId) return;
      // The sign-in's ip (request metadata) when known; otherwise the last one stays.
      tx.run(
        `UPDATE ${table} SET last_used_at = ?, ip = COALESCE(?, ip) WHERE device_id = ? AND account_id = ?`,
        event.occurredAt,
        event.metadata.ip ?? null,
        d.trustedDeviceId,
        d.accountId,
      );
    }
  },
});
