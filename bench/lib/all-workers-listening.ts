import { request } from 'node:http';
import { availableParallelism } from 'node:os';

/**
 * Waits until every worker of a service answers GET /health. /health is up as soon as worker 1
 * listens (it starts alone, then the others), and keep-alive connections opened before the others
 * listen all stay on worker 1: a benchmark that opened its connections then measured one worker
 * (on a loaded machine the second worker comes up seconds later). Each probe is a new connection,
 * so the primary's round-robin hands them to every listening worker in turn.
 */
export async function allWorkersListening(
  origin: string,
  workers = Number(process.env['WORKERS'] ?? availableParallelism()),
  timeoutMs = 30_000,
): Promise<void> {
  const seen = new Set<number>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < workers) {
    const id = await healthWorkerId(origin).catch(() => undefined);
    // A single process (WORKERS=1) has worker 1 too; nothing else to wait for then.
    if (id !== undefined) seen.add(id);
    if (seen.size >= workers) return;
    if (Date.now() > deadline)
      throw new Error(
        `only workers ${[...seen].join(', ')} of ${workers} answered within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function healthWorkerId(origin: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const probe = request(
      `${origin}/health`,
      { agent: false, headers: { connection: 'close' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            const id = (JSON.parse(body) as { info?: { worker?: { id?: number } } }).info?.worker
              ?.id;
            resolve(res.statusCode === 200 ? id : undefined);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    probe.on('error', reject);
    probe.end();
  });
}
