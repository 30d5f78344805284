import { ApiError, apiErrorOf } from './api-error';

const CSRF_COOKIE = 'accounts_csrf';

export interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly trustedComputer?: boolean;
}

export interface Challenge {
  readonly challengeId: string;
  readonly method: string;
  readonly sentTo: string | null;
  readonly enrollment?: unknown;
}

/** Asks the person to sign in again in place; resolves once a fresh access token is in. */
export type ReauthHandler = () => Promise<void>;

/**
 * Every API call of the page. The access token lives in memory only (5 minutes); the refresh token
 * is an HttpOnly cookie the gateway holds, used through POST /api/session/refresh.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private reauth: ReauthHandler | null = null;
  onSignedOut: () => void = () => undefined;

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  setReauthHandler(handler: ReauthHandler | null): void {
    this.reauth = handler;
  }

  acceptTokens(answer: TokenAnswer): void {
    this.accessToken = answer.accessToken;
  }

  /**
   * After signing in again in place: the new session replaces the old one, whose cookie the gateway
   * has already overwritten; the old session is ended too, so it does not linger until it times out.
   */
  async replaceSession(answer: TokenAnswer): Promise<void> {
    if (this.accessToken) await this.post('/api/auth/logout', undefined).catch(() => undefined);
    this.accessToken = answer.accessToken;
  }

  forget(): void {
    this.accessToken = null;
  }

  /** Restores a session from the gateway's cookie (page reload); false when there is none. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.post<TokenAnswer>('/api/session/refresh', undefined, { auth: false })
      .then((answer) => {
        this.accessToken = answer.accessToken;
        return true;
      })
      .catch(() => {
        this.accessToken = null;
        return false;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  async logout(): Promise<void> {
    await this.post('/api/session/logout', undefined).catch(() => undefined);
    this.accessToken = null;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, undefined);
  }
  post<T>(path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path, undefined);
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    options: { auth?: boolean } = {},
    retried = false,
  ): Promise<T> {
    const auth = options.auth !== false;
    const response = await this.fetchImpl(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'X-CSRF-Token': readCookie(CSRF_COOKIE) ?? '' } : {}),
        ...(auth && this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
    const error = await apiErrorOf(response);
    if (auth && !retried && error.status === 401) {
      if (error.needsRecentSignIn && this.reauth) {
        await this.reauth();
        return this.request<T>(method, path, body, options, true);
      }
      if (!error.needsRecentSignIn && this.accessToken && (await this.refresh()))
        return this.request<T>(method, path, body, options, true);
      if (!error.needsRecentSignIn && !this.accessToken) this.onSignedOut();
    }
    throw error;
  }
}

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export { ApiError };
export const api = new ApiClient();
