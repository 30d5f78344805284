import type { NextFunction, Request, Response } from 'express';
import { BodyParserError } from '../errors/body-parser-error';

/** Our deepest DTO nests three levels; 32 leaves room and stops the validator's recursion (issue 11). */
export const MAX_JSON_DEPTH = 32;

export const JSON_TOO_DEEP = 'entity.too.deep';

/** How deep a parsed body nests, counted without recursion and stopping as soon as it passes `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as {
      value: unknown;
      depth: number;
    };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Runs right after the body parsers: a body nested too deep is a 400 before any pipe sees it. */
export function refuseDeepJson(limit = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (jsonDepthExceeds(req.body, limit)) {
      next(
        new BodyParserError(400, JSON_TOO_DEEP, `The JSON body nests deeper than ${limit} levels`),
      );
      return;
    }
    next();
  };
}
