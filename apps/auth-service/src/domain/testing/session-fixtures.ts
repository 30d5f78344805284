import type { SessionEndReason, SessionEvent } from '@accounts/contracts';
import { ACCOUNT, iso, ORG, sha } from './fixtures';
import type {
  EndSession,
  RecordedRefreshToken,
  RefreshSession,
  StartSession,
} from '../session/session-commands';

export const SESSION = 'sess-1';
export const ids = { sessionId: SESSION, accountId: ACCOUNT };
export const HALF_HOUR = 1800;

export const start = (
  idleTimeoutSeconds: number | null = HALF_HOUR,
  absoluteLifetimeSeconds?: number,
): StartSession => ({
  type: 'StartSession',
  data: {
    ...ids,
    orgId: ORG,
    signinId: 'signin-1',
    refreshTokenSha256: sha('1'),
    amr: ['pwd'],
    ip: '203.0.113.7',
    userAgent: 'Firefox',
    idleTimeoutSeconds,
    ...(absoluteLifetimeSeconds === undefined ? {} : { absoluteLifetimeSeconds }),
  },
});
export const startedEvent = (
  idle: number | null = HALF_HOUR,
  absoluteExpiresAt = iso(30 * 86400),
): SessionEvent => {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { absoluteLifetimeSeconds, ...data } = start(idle).data;
  return {
    type: 'SessionStarted',
    data: {
      ...data,
      idleTimeoutSeconds: idle,
      startedAt: iso(0),
      absoluteExpiresAt,
    },
  };
};
/** The numbers a refresh carries; by default a token of the earlier form (no number) rotated to token 1. */
export interface RefreshNumbers {
  readonly presented?: number | null;
  readonly next?: number;
  readonly recorded?: RecordedRefreshToken | null;
}
export const refresh = (
  presented: string,
  next: string,
  idleTimeoutSeconds: number | null = HALF_HOUR,
  accountEnabled = true,
  numbers: RefreshNumbers = {},
): RefreshSession => ({
  type: 'RefreshSession',
  data: {
    sessionId: SESSION,
    presentedRefreshTokenSha256: presented,
    presentedRefreshTokenNumber: numbers.presented ?? null,
    recorded: numbers.recorded ?? null,
    newRefreshTokenSha256: next,
    newRefreshTokenNumber: numbers.next ?? 1,
    idleTimeoutSeconds,
    accountEnabled,
  },
});
export const refreshed = (
  token: string,
  seconds: number,
  idle: number | null = HALF_HOUR,
): SessionEvent => ({
  type: 'SessionRefreshed',
  data: {
    ...ids,
    refreshTokenSha256: token,
    refreshedAt: iso(seconds),
    idleTimeoutSeconds: idle,
  },
});
export const ended = (reason: SessionEndReason, seconds: number): SessionEvent => ({
  type: 'SessionEnded',
  data: { ...ids, reason, endedAt: iso(seconds) },
});
export const end = (
  reason: EndSession['data']['reason'],
  actor: EndSession['data']['actor'] = { kind: 'user', accountId: ACCOUNT },
): EndSession => ({
  type: 'EndSession',
  data: { sessionId: SESSION, reason, actor },
});
