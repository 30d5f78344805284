import { request } from 'node:http';

/**
 * Waits until the service answers GET /health with 200. Its workers listen together and /health says
 * up only once every one of them listens (libs/service-kit cluster: listen-together), so connections
 * a benchmark opens after this are spread over all workers, not kept on the first one up. Each probe
 * is a new connection.
 */
export async function allWorkersListening(origin: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await healthStatus(origin).catch(() => undefined);
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(
        `${origin}/health did not answer 200 within ${timeoutMs} ms (last: ${status ?? 'no answer'})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function healthStatus(origin: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const probe = request(
      `${origin}/health`,
      { agent: false, headers: { connection: 'close' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    probe.on('error', reject);
    probe.end();
  });
}
