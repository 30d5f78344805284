import type { ParkedEvent, ProjectionStatus } from '@accounts/projections';
import { type CliEnvironment, CliError } from './cli-context';
import { DEFAULT_SERVICES, OpsClient, operationsToken, parseServices } from './ops-client';
import { progressBar } from './progress';

interface ProjectionList {
  readonly service: string;
  readonly projections: ProjectionStatus[];
}

function clients(
  environment: CliEnvironment,
  env: NodeJS.ProcessEnv = process.env,
): Map<string, OpsClient> {
  const token = operationsToken(env, environment.dataDir);
  return new Map(
    [...parseServices(env['AUDIT_SERVICES'] ?? DEFAULT_SERVICES)].map(([name, url]) => [
      name,
      new OpsClient(url, token),
    ]),
  );
}

function clientOf(environment: CliEnvironment, service: string): OpsClient {
  const all = clients(environment);
  const client = all.get(service);
  if (!client)
    throw new CliError(
      `Unknown service ${service}; known: ${[...all.keys()].join(', ')} (AUDIT_SERVICES)`,
    );
  return client;
}

/** `audit projections`: every read model of every running service. */
export async function projectionsCommand(
  environment: CliEnvironment,
  options: { json?: boolean },
): Promise<number> {
  const rows: Array<Record<string, unknown>> = [];
  let unreachable = 0;
  for (const [service, client] of clients(environment)) {
    try {
      const list = await client.call<ProjectionList>('GET', '');
      for (const p of list.projections) {
        rows.push({
          service,
          projection: p.name,
          version: p.liveVersion === p.version ? `${p.version}` : `${p.liveVersion}→${p.version}`,
          checkpoint: p.position,
          lag: p.lag ?? '?',
          parked: p.parkedEvents,
          state: p.rebuilding
            ? `rebuilding (${p.rebuildPosition ?? 0}/${p.headPosition ?? '?'})`
            : p.error
              ? `error: ${p.error}`
              : p.caughtUp
                ? 'live'
                : 'catching up',
        });
      }
    } catch (error) {
      unreachable += 1;
      rows.push({
        service,
        projection: '-',
        state: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (options.json) rows.forEach((row) => console.log(JSON.stringify(row)));
  else console.table(rows);
  return unreachable === rows.length && rows.length > 0 ? 3 : 0;
}

/** `audit rebuild <service> <projection>`: starts the rebuild and follows it with a progress bar until swapped in. */
export async function rebuildCommand(
  environment: CliEnvironment,
  service: string,
  projection: string,
): Promise<number> {
  const client = clientOf(environment, service);
  const before = await client.call<ProjectionList>('GET', '');
  const old = before.projections.find((p) => p.name === projection);
  if (!old)
    throw new CliError(
      `${service} has no projection ${projection}; it has ${before.projections.map((p) => p.name).join(', ')}`,
    );
  await client.call('POST', `/${encodeURIComponent(projection)}/rebuild`);
  const bar = progressBar(`rebuild ${projection}`);
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = (await client.call<ProjectionList>('GET', '')).projections.find(
        (p) => p.name === projection,
      );
      if (!now) throw new CliError(`${projection} disappeared from ${service}`);
      if (now.rebuilding) {
        bar.update(now.rebuildPosition ?? 0, now.headPosition ?? 0);
        continue;
      }
      bar.update(now.position, now.headPosition ?? now.position);
      bar.stop();
      if (now.generation === old.generation)
        throw new CliError(
          `The rebuild of ${projection} did not swap in (see ${service}'s log)`,
          1,
        );
      console.log(
        `${service} ${projection}: rebuilt (generation ${now.generation}, checkpoint ${now.position}, lag ${now.lag ?? '?'})`,
      );
      return 0;
    }
  } finally {
    bar.stop();
  }
}

/** `audit parked <service> <projection> [--retry id | --skip id]`. */
export async function parkedCommand(
  environment: CliEnvironment,
  service: string,
  projection: string,
  options: { retry?: string; skip?: string; json?: boolean },
): Promise<number> {
  const client = clientOf(environment, service);
  const base = `/${encodeURIComponent(projection)}/parked`;
  if (options.retry) {
    await client.call('POST', `${base}/${encodeURIComponent(options.retry)}/retry`);
    console.log(`${options.retry}: applied`);
    return 0;
  }
  if (options.skip) {
    await client.call('POST', `${base}/${encodeURIComponent(options.skip)}/skip`);
    console.log(`${options.skip}: skipped`);
    return 0;
  }
  const { events } = await client.call<{ events: ParkedEvent[] }>('GET', base);
  if (options.json) events.forEach((event) => console.log(JSON.stringify(event)));
  else if (events.length === 0) console.log(`${service} ${projection}: no parked events`);
  else
    console.table(
      events.map((e) => ({
        eventId: e.eventId,
        position: e.position,
        type: e.type,
        stream: e.streamId,
        attempts: e.attempts,
        error: e.error,
      })),
    );
  return 0;
}
