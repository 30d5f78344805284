import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ServiceLoggers } from './service-loggers';
import { requestContextOf } from '../context/request-context-storage';
import { accessLineWriter } from './access-line';
import { SECRET_HEADERS } from './redact-paths';

/** Probes and scrapes would drown the access log. */
const QUIET_PATHS = new Set(['/health', '/metrics']);
const CENSORED = '[REDACTED]';
const SECRET = new Set(SECRET_HEADERS);
/**
 * The response headers an access line keeps: those that say something about this answer. The others
 * are the same on every answer (security headers, no-store) and were most of the line's size and of
 * its serialization cost. A cookie set is shown as set, never its value.
 */
const ANSWER_HEADERS = [
  'content-type',
  'content-length',
  'location',
  'retry-after',
  'www-authenticate',
  'set-cookie',
] as const;
/** Set on the response while the access log will report it (the error filter then leaves the error to it). */
const REPORTED = Symbol('accounts.accessLogged');

type LoggedResponse = ServerResponse & { err?: Error; [REPORTED]?: true };
type Level = 'info' | 'warn' | 'error';

/**
 * One JSON line per request when its answer is complete (`METHOD /path status Nms`), at info (2xx,
 * 3xx), warn (4xx) or error (5xx, or an error the filter handed over in `res.err`, with its stack).
 * It replaces pino-http's: the same fields, less work — no child logger per request, no redaction
 * pass (credential headers are censored while copied), one listener. Called from the kit's first
 * onRequest hook (app/request-hooks.ts), so the line times the whole request.
 */
export function accessLog({ access }: ServiceLoggers) {
  const write = accessLineWriter(access);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = pathOf(req);
    if (QUIET_PATHS.has(path)) return;
    (res as LoggedResponse)[REPORTED] = true;
    const startedMs = Date.now();
    res.once('close', () => writeLine(access, write, req, res as LoggedResponse, path, startedMs));
  };
}

/** True when the access log will write this request's line: an unexpected error goes there (one line per request). */
export function accessLogReports(res: ServerResponse): boolean {
  return (res as LoggedResponse)[REPORTED] === true;
}

function writeLine(
  logger: Logger,
  write: ReturnType<typeof accessLineWriter>,
  req: IncomingMessage,
  res: LoggedResponse,
  path: string,
  startedMs: number,
): void {
  const aborted = !res.writableFinished;
  const level: Level =
    res.err || res.statusCode >= 500 ? 'error' : aborted || res.statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const responseTime = Date.now() - startedMs;
  const { correlationId } = requestContextOf(req);
  const line = {
    correlationId,
    req: {
      id: correlationId,
      method: req.method,
      url: req.url,
      headers: censored(req.headers),
      remoteAddress: req.socket?.remoteAddress,
      remotePort: req.socket?.remotePort,
    },
    res: { statusCode: res.statusCode, headers: answerHeaders(res) },
    responseTime,
    ...(res.err && { err: res.err }),
  };
  const message = aborted
    ? `${req.method} ${path} aborted after ${responseTime}ms`
    : res.err || res.statusCode >= 500
      ? `${req.method} ${path} ${res.statusCode} failed`
      : `${req.method} ${path} ${res.statusCode} ${responseTime}ms`;
  if (res.err) logger[level](line, message);
  else write(level, line, message);
}

/** A copy of the request headers with credentials (authorization, cookies, API keys) censored. */
function censored(headers: IncomingHttpHeaders): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name in headers) copy[name] = SECRET.has(name) ? CENSORED : headers[name];
  return copy;
}

/** The ANSWER_HEADERS the response has, set-cookie censored. */
function answerHeaders(res: ServerResponse): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of ANSWER_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) kept[name] = name === 'set-cookie' ? CENSORED : value;
  }
  return kept;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
