import { DeciderSpecification } from '@accounts/testing';
import {
  ACCOUNT,
  authenticatorOf,
  at,
  iso,
  NOW,
  passwordSet,
  sha,
  trustedDeviceAdded,
} from '../testing/fixtures';
import type { AddTrustedDevice, RevokeTrustedDevice } from './authenticator-commands';
import { authenticatorDecider } from './authenticator-decider';
import { activeTrustedDevices, matchTrustedDevice } from './authenticator-queries';

const spec = DeciderSpecification.for(authenticatorDecider);

describe('trusted devices', () => {
  const add: AddTrustedDevice = {
    type: 'AddTrustedDevice',
    data: {
      accountId: ACCOUNT,
      deviceId: 'dev-1',
      tokenSha256: sha('d'),
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      ip: '203.0.113.7',
    },
  };
  const revoke: RevokeTrustedDevice = {
    type: 'RevokeTrustedDevice',
    data: { accountId: ACCOUNT, deviceId: 'dev-1' },
  };

  it('adds a device for 30 days by default (configurable), with a label and the token hash only', () => {
    const base = {
      accountId: ACCOUNT,
      deviceId: 'dev-1',
      tokenSha256: sha('d'),
      label: 'Firefox on Windows',
      ip: '203.0.113.7',
      addedAt: iso(0),
    };
    spec
      .given([passwordSet])
      .when(add, { now: NOW })
      .then([
        {
          type: 'TrustedDeviceAdded',
          data: { ...base, expiresAt: iso(30 * 86400) },
        },
      ]);
    spec
      .given([passwordSet])
      .when({ ...add, data: { ...add.data, lifetimeSeconds: 3600 } }, { now: NOW })
      .then([{ type: 'TrustedDeviceAdded', data: { ...base, expiresAt: iso(3600) } }]);
    spec.given([passwordSet, trustedDeviceAdded()]).when(add).thenNothingHappened();
  });

  it('revokes one of them; an unknown id is not found', () => {
    spec
      .given([passwordSet, trustedDeviceAdded()])
      .when(revoke)
      .then([
        {
          type: 'TrustedDeviceRevoked',
          data: { accountId: ACCOUNT, deviceId: 'dev-1', reason: 'user' },
        },
      ]);
    spec.given([passwordSet]).when(revoke).thenThrows('AUTH-trusted-device-not-found', 'not_found');
  });

  it('matches a presented token only while the device is neither revoked nor expired', () => {
    const state = authenticatorOf([passwordSet, trustedDeviceAdded('dev-1', sha('d'), iso(100))]);
    expect(matchTrustedDevice(state, sha('d'), at(99))?.deviceId).toBe('dev-1');
    expect(matchTrustedDevice(state, sha('d'), at(100))).toBeNull();
    expect(matchTrustedDevice(state, sha('e'), NOW)).toBeNull();
    expect(matchTrustedDevice(state, null, NOW)).toBeNull();
    const revoked = authenticatorOf([
      passwordSet,
      trustedDeviceAdded(),
      {
        type: 'TrustedDeviceRevoked',
        data: { accountId: ACCOUNT, deviceId: 'dev-1', reason: 'user' },
      },
    ]);
    expect(matchTrustedDevice(revoked, sha('d'), NOW)).toBeNull();
    expect(activeTrustedDevices(revoked, NOW)).toEqual([]);
  });
});
