import { availableParallelism } from 'node:os';
import { openConnection } from './load-client';

/**
 * Resolves once every worker of a cluster service answers: /health answers as soon as worker 1 listens,
 * and the connections a benchmark opens before the others listen all go to worker 1 (measured: a
 * WORKERS=2 run with one idle worker, its CPU per request a single process's). Each try is a fresh
 * connection, which the primary hands to the next worker.
 */
export async function allWorkersListening(url: string, timeoutMs = 30_000): Promise<void> {
  const expected = Number(process.env['WORKERS'] || availableParallelism());
  const seen = new Set<number>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < expected) {
    if (Date.now() > deadline)
      throw new Error(`only workers ${[...seen].join(', ')} of ${expected} answered /health`);
    const connection = openConnection(url);
    try {
      const answer = await connection.get('/health');
      // terminus's answer: { status, info: { worker: { status, id, pid, projects }, ... }, ... }
      const health = JSON.parse(answer.body) as { info?: { worker?: { id?: number } } };
      const id = health.info?.worker?.id;
      if (id !== undefined) seen.add(id);
    } catch {
      // not answering yet
    } finally {
      await connection.close();
    }
    if (seen.size < expected) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
