import type { NextFunction, Request, Response } from 'express';

/**
 * A body-parser failure, re-thrown as a plain Error: Nest turns any SyntaxError into a
 * BadRequestException carrying the parser's message before exception filters see it, and we want
 * "Malformed JSON body" with a stable code instead.
 */
export class BodyParserError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyParserError';
  }
}

/** Express error middleware placed right after the body parsers. */
export function rethrowBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const e = error as { status?: unknown; type?: unknown; message?: unknown } | undefined;
  if (e && typeof e.type === 'string' && typeof e.status === 'number') {
    next(new BodyParserError(e.status, e.type, String(e.message)));
    return;
  }
  next(error);
}
