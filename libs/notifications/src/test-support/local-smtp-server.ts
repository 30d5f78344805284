import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly user: string | undefined;
  /** The raw RFC 5322 message: headers, blank line, body. */
  readonly raw: string;
}

export interface LocalSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Replies for the next RCPT TO commands, e.g. [451] fails once with "try later" then accepts. */
  rejectNextRecipients(...codes: number[]): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (random port, or `port` to come back where a closed one was) that
 * wants AUTH with `user`/`pass`; no TLS.
 */
export async function startLocalSmtpServer(
  credentials: { user: string; pass: string },
  options: { port?: number } = {},
): Promise<LocalSmtpServer> {
  const received: ReceivedMail[] = [];
  const rejections: number[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(
          Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
        );
      }
    },
    onRcptTo(_address, _session, callback) {
      const code = rejections.shift();
      if (code === undefined) callback();
      else
        callback(
          Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), {
            responseCode: code,
          }),
        );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    port,
    received,
    rejectNextRecipients: (...codes) => rejections.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The header block and the body of a raw message, with folded header lines joined. */
export function splitMail(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(end + 4) };
}
