/**
 * Whether this process maintains the read models it opens. A service run as several worker processes
 * (WORKERS > 1) keeps each read model ONCE: the primary sets ACCOUNTS_WORKER_ROLE=follower in every
 * worker but one, and a ProjectionRunner there only follows the checkpoints the projecting worker
 * writes to the shared read-model file. Unset (one process, tests, CLIs): this process projects.
 */
export function projectsInThisProcess(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return env['ACCOUNTS_WORKER_ROLE'] !== 'follower';
}
