import type { AuthenticatorEvent } from '@accounts/contracts';
import { type CommandContext, notFound } from '@accounts/event-sourcing';
import { plusSeconds } from '../shared/time';
import { deviceLabel } from '../values/device-label';
import { DefaultTrustedDeviceLifetimeSeconds } from '../values/auth-limits';
import type { AddTrustedDevice, RevokeTrustedDevice } from './authenticator-commands';
import type { AuthenticatorState } from './authenticator-state';

/** Idempotent on deviceId, so a retried sign-in completion does not add the computer twice. */
export function decideAddTrustedDevice(
  { data }: AddTrustedDevice,
  state: AuthenticatorState,
  { now }: CommandContext,
): AuthenticatorEvent[] {
  if (state.trustedDevices.some((d) => d.deviceId === data.deviceId)) return [];
  const lifetime = data.lifetimeSeconds ?? DefaultTrustedDeviceLifetimeSeconds;
  return [
    {
      type: 'TrustedDeviceAdded',
      data: {
        accountId: data.accountId,
        deviceId: data.deviceId,
        tokenSha256: data.tokenSha256,
        label: deviceLabel(data.userAgent),
        ip: data.ip,
        addedAt: now.toISOString(),
        expiresAt: plusSeconds(now, lifetime),
      },
    },
  ];
}

export function decideRevokeTrustedDevice(
  { data }: RevokeTrustedDevice,
  state: AuthenticatorState,
): AuthenticatorEvent[] {
  const device = state.trustedDevices.find((d) => d.deviceId === data.deviceId);
  if (!device)
    throw notFound('AUTH-trusted-device-not-found', 'No such trusted device on your account');
  if (device.revoked) return [];
  return [
    {
      type: 'TrustedDeviceRevoked',
      data: {
        accountId: data.accountId,
        deviceId: data.deviceId,
        reason: 'user',
      },
    },
  ];
}
