import { DomainError } from '@accounts/event-sourcing';

/**
 * Where each service answers "as it was at" for administrators: every service folds its own events
 * with its own evolve, so the composed state can never drift from what the service itself said.
 */
export const STATE_AT_ROUTES = {
  profile: {
    service: 'profile-service',
    path: (id: string, at: string) => `/accounts/${id}?at=${encodeURIComponent(at)}`,
  },
  authentication: {
    service: 'auth-service',
    path: (id: string, at: string) => `/auth/accounts/${id}/security?at=${encodeURIComponent(at)}`,
  },
  apiCredentials: {
    service: 'credentials-service',
    path: (id: string, at: string) =>
      `/api-credentials?accountId=${id}&at=${encodeURIComponent(at)}`,
  },
} as const;

export type StatePart = keyof typeof STATE_AT_ROUTES;

/** What one service answered, or why it could not. */
export type PartAnswer =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly message: string };

export interface AccountStateAt {
  readonly accountId: string;
  readonly at: string;
  readonly profile: unknown;
  readonly authentication: unknown;
  readonly apiCredentials: unknown;
  /** Parts a service could not give (down, or refused): named, never silently left out. */
  readonly unavailable: ReadonlyArray<{
    readonly part: StatePart;
    readonly service: string;
    readonly status: number;
    readonly message: string;
  }>;
}

/** Asks each service for its part at `at` with the caller's own access token, and puts the answers side by side. */
export async function composeStateAt(
  accountId: string,
  at: string,
  ask: (service: string, path: string) => Promise<PartAnswer>,
): Promise<AccountStateAt> {
  if (Number.isNaN(Date.parse(at))) {
    throw new DomainError(
      'invalid',
      'AUDIT-instant-invalid',
      'at must be an ISO-8601 date-time, e.g. 2026-01-31T12:00:00Z',
      { field: 'at' },
    );
  }
  const parts = Object.keys(STATE_AT_ROUTES) as StatePart[];
  const answers = await Promise.all(
    parts.map((part) =>
      ask(STATE_AT_ROUTES[part].service, STATE_AT_ROUTES[part].path(accountId, at)),
    ),
  );
  const unavailable: Array<AccountStateAt['unavailable'][number]> = [];
  const value = (part: StatePart, answer: PartAnswer): unknown => {
    if (answer.ok) return answer.body;
    unavailable.push({
      part,
      service: STATE_AT_ROUTES[part].service,
      status: answer.status,
      message: answer.message,
    });
    return null;
  };
  return {
    accountId,
    at,
    profile: value('profile', answers[0]),
    authentication: value('authentication', answers[1]),
    apiCredentials: value('apiCredentials', answers[2]),
    unavailable,
  };
}

/** A fetch-based `ask` against base URLs by service name. */
export function httpAsk(
  baseUrls: ReadonlyMap<string, string>,
  bearer: string,
): (service: string, path: string) => Promise<PartAnswer> {
  return async (service, path) => {
    const base = baseUrls.get(service);
    if (!base) return { ok: false, status: 0, message: `no URL configured for ${service}` };
    try {
      const response = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      return response.ok
        ? { ok: true, body }
        : { ok: false, status: response.status, message: body?.message ?? response.statusText };
    } catch (error) {
      return {
        ok: false,
        status: 0,
        message: `${base} does not answer (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  };
}
