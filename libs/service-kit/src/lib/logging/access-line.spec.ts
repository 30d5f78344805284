import { createServiceLoggers } from './service-loggers';
import { accessLineWriter } from './access-line';
import { isoTime } from './iso-time';

const fields = {
  correlationId: 'line-1',
  req: {
    id: 'line-1',
    method: 'POST',
    url: '/oauth/token?x="quoted"',
    headers: { authorization: '[REDACTED]', 'user-agent': 'ünïcode\n"agent"' },
    remoteAddress: '127.0.0.1',
    remotePort: 5555,
  },
  res: { statusCode: 401, headers: { 'content-type': 'application/json; charset=utf-8' } },
  responseTime: 3,
};

function capture(level = 'info') {
  const lines: string[] = [];
  const loggers = createServiceLoggers('line-service', level, { write: (l) => void lines.push(l) });
  return { lines, loggers };
}

/** The line without its time, which differs between two writes. */
const timeless = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"T"');

describe('access line written directly (no pino pass per request)', () => {
  it.each(['info', 'warn', 'error'] as const)(
    'is the line pino writes, byte for byte but the time, at %s',
    (level) => {
      const { lines, loggers } = capture();
      accessLineWriter(loggers.access)(level, fields, 'POST /oauth/token 401 3ms');
      loggers.access[level](fields, 'POST /oauth/token 401 3ms');
      expect(lines).toHaveLength(2);
      expect(timeless(lines[0])).toBe(timeless(lines[1]));
      expect(JSON.parse(lines[0])).toMatchObject({
        level,
        service: 'line-service',
        correlationId: 'line-1',
        req: { headers: { authorization: '[REDACTED]' } },
        msg: 'POST /oauth/token 401 3ms',
      });
    },
  );

  it('leaves out a field that is undefined, as pino does', () => {
    const { lines, loggers } = capture();
    const noSocket = { ...fields, req: { ...fields.req, remoteAddress: undefined } };
    accessLineWriter(loggers.access)('info', noSocket, 'm');
    loggers.access.info(noSocket, 'm');
    expect(timeless(lines[0])).toBe(timeless(lines[1]));
    expect(lines[0]).not.toContain('remoteAddress');
  });
});

describe('isoTime (made once per millisecond)', () => {
  afterEach(() => jest.restoreAllMocks());

  it("gives pino's ISO time field, and the new time once the millisecond changed", () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 11, 2, 3, 30, 45, 884));
    expect(isoTime()).toBe(',"time":"2026-12-02T03:30:45.884Z"');
    expect(isoTime()).toBe(',"time":"2026-12-02T03:30:45.884Z"');
    now.mockReturnValue(Date.UTC(2026, 11, 2, 3, 30, 45, 885));
    expect(isoTime()).toBe(',"time":"2026-12-02T03:30:45.885Z"');
  });
});
