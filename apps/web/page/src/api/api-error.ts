/** An error answer of the APIs: `{ statusCode, error, message, code?, details? }`, plus Retry-After. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly details: Record<string, unknown> | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }

  /** The field the API named (details.field), so the page can put the message next to it. */
  get field(): string | undefined {
    const field = this.details?.['field'];
    return typeof field === 'string' ? field : undefined;
  }

  /** The sign-in is too old for this action: the page asks for the password again. */
  get needsRecentSignIn(): boolean {
    return this.status === 401 && (/recent-sign-in|reauth/i.test(this.code ?? '') || this.stepUp);
  }

  stepUp = false;
}

export async function apiErrorOf(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy page): the status says enough.
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  const message = Array.isArray(body['message'])
    ? body['message'].join('; ')
    : String(body['message'] ?? response.statusText ?? 'Request failed');
  const error = new ApiError(
    response.status,
    message || `Request failed (${response.status})`,
    typeof body['code'] === 'string' ? body['code'] : undefined,
    typeof body['details'] === 'object' && body['details'] !== null
      ? (body['details'] as Record<string, unknown>)
      : undefined,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
  error.stepUp = /insufficient_user_authentication/.test(
    response.headers.get('WWW-Authenticate') ?? '',
  );
  return error;
}

/** The sentence to show for an error; "too many attempts" carries the wait from Retry-After. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return wait
        ? `Too many attempts. Try again in ${wait} s.`
        : 'Too many attempts. Try again in a moment.';
    }
    if (error.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
    return error.message;
  }
  if (error instanceof TypeError)
    return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
