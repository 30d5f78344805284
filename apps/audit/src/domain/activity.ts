import type {
  SignInAttemptFailedData,
  SignInStartedData,
  TrustedDeviceAddedData,
} from '@accounts/contracts';
import { actorInWords, type RecordedActor } from './actor-in-words';
import { describeEvent } from './describe-event';
import type { Names } from './names';
import { factorInWords, methodInWords } from './words';

/** What a person sees of their own security history (GET /audit/me/activity). */
export type ActivityKind =
  | 'sign-in'
  | 'sign-in-failed'
  | 'second-factor-changed'
  | 'password-changed'
  | 'trusted-computer-added'
  | 'trusted-computer-removed'
  | 'session-ended'
  | 'api-credential-generated'
  | 'api-credential-regenerated'
  | 'api-credential-revoked'
  | 'changed-by-administrator';

export interface ActivityEvent {
  readonly type: string;
  readonly streamId: string;
  readonly position: number;
  readonly occurredAt: string;
  readonly data: unknown;
  readonly metadata: {
    readonly actor?: RecordedActor;
    readonly ip?: string;
    readonly userAgent?: string;
  };
}

export interface ActivityItem {
  readonly position: number;
  readonly occurredAt: string;
  readonly kind: ActivityKind;
  readonly summary: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** Sign-ins: the sign-in method in words; failed sign-ins: what was wrong. */
  readonly method: string | null;
  readonly by: string;
}

const KIND_OF_TYPE: Record<string, ActivityKind> = {
  SignInCompleted: 'sign-in',
  SignInAttemptFailed: 'sign-in-failed',
  AuthenticationMethodChanged: 'second-factor-changed',
  AuthenticatorEnrolled: 'second-factor-changed',
  AuthenticatorReset: 'second-factor-changed',
  PasswordChanged: 'password-changed',
  TrustedDeviceAdded: 'trusted-computer-added',
  TrustedDeviceRevoked: 'trusted-computer-removed',
  SessionEnded: 'session-ended',
  ApiCredentialGenerated: 'api-credential-generated',
  ApiCredentialRegenerated: 'api-credential-regenerated',
  ApiCredentialRevoked: 'api-credential-revoked',
};

/**
 * The account's events (position order) as the items of its security activity, oldest first.
 * A sign-in's computer and method come from the SignInStarted of the same flow; instants in the
 * sentences are shown in `timeZone`.
 */
export function securityActivity(
  accountId: string,
  events: Iterable<ActivityEvent>,
  names: Names,
  timeZone = 'UTC',
): ActivityItem[] {
  const started = new Map<string, SignInStartedData>();
  const items: ActivityItem[] = [];
  for (const event of events) {
    if (event.type === 'SignInStarted')
      started.set(event.streamId, event.data as SignInStartedData);
    const actor = event.metadata.actor;
    const byAdministrator = actor?.kind === 'admin' && actor.accountId !== accountId;
    const kind =
      KIND_OF_TYPE[event.type] ?? (byAdministrator ? 'changed-by-administrator' : undefined);
    if (!kind) continue;
    const flow = event.type === 'SignInCompleted' ? started.get(event.streamId) : undefined;
    items.push({
      position: event.position,
      occurredAt: event.occurredAt,
      kind,
      summary: describeEvent(event, names, timeZone),
      ip: flow?.ip ?? ipOf(event) ?? null,
      userAgent: flow?.userAgent ?? event.metadata.userAgent ?? null,
      method: flow
        ? methodInWords(flow.method)
        : event.type === 'SignInAttemptFailed'
          ? factorInWords((event.data as SignInAttemptFailedData).factor)
          : null,
      by: actorInWords(actor, accountId, names),
    });
  }
  return items;
}

function ipOf(event: ActivityEvent): string | undefined {
  if (event.type === 'TrustedDeviceAdded')
    return (event.data as TrustedDeviceAddedData).ip ?? event.metadata.ip;
  return event.metadata.ip;
}
