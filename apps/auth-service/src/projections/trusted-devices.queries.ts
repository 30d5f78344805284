import { Injectable } from '@nestjs/common';
import { ReadModels } from './read-models';
import { TRUSTED_DEVICES } from './trusted-devices.projection';

/** One row of GET /auth/me/trusted-devices. */
export interface TrustedDeviceView {
  readonly id: string;
  readonly label: string;
  readonly ip: string | null;
  readonly firstUsedAt: string;
  readonly lastUsedAt: string;
  readonly expiresAt: string;
  readonly current: boolean;
}

interface Row {
  device_id: string;
  token_sha256: string;
  label: string;
  ip: string | null;
  added_at: string;
  last_used_at: string;
  expires_at: string;
}

@Injectable()
export class TrustedDevices {
  constructor(private readonly readModels: ReadModels) {}

  /** The account's devices still trusted at `now`, newest first; `presentedSha256` marks the current one. */
  active(accountId: string, presentedSha256: string | null, now = new Date()): TrustedDeviceView[] {
    const rows = this.readModels.database.all<Row>(
      'SELECT * FROM trusted_devices WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY added_at DESC',
      accountId,
      now.toISOString(),
    );
    return rows.map((r) => ({
      id: r.device_id,
      label: r.label,
      ip: r.ip,
      firstUsedAt: r.added_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
      current: presentedSha256 !== null && r.token_sha256 === presentedSha256,
    }));
  }

  /** Read-your-writes after a write that changes the list. */
  caughtUp(position: number): Promise<void> {
    return this.readModels.waitFor(position, TRUSTED_DEVICES);
  }
}
