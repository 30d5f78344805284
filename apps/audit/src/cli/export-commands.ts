import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { organizationExport } from '../application/organization-export';
import { sealStore } from '../application/seals';
import { verifyStore } from '../application/verify-store';
import { verifyExport } from '../application/verify-export';
import { type CliEnvironment, CliError, openIndex, openStore } from './cli-context';
import { progressBar } from './progress';
import { writeOut } from './write-out';

/** `audit export --org <orgId>`: the hash-chained JSON lines on stdout, a progress bar on a terminal's stderr. */
export async function exportCommand(
  environment: CliEnvironment,
  options: { org: string; from?: string; to?: string },
): Promise<number> {
  const store = openStore(environment);
  const index = await openIndex(store, environment);
  const bar = progressBar('export');
  try {
    let buffer = '';
    for await (const line of organizationExport(
      store,
      index.queries,
      { orgId: options.org, from: options.from, to: options.to },
      (p) => bar.update(p.position, p.head),
    )) {
      buffer += line;
      if (buffer.length > 1 << 16) {
        await writeOut(buffer);
        buffer = '';
      }
    }
    await writeOut(buffer);
    return 0;
  } finally {
    bar.stop();
    await index.close();
    await store.close();
  }
}

/** `audit verify <file>` or `audit verify --store`: OK, or the first line / position that no longer matches; exit 1 then. */
export async function verifyCommand(
  environment: CliEnvironment,
  file: string | undefined,
  options: { store?: boolean },
): Promise<number> {
  if (options.store) {
    const store = openStore(environment);
    const bar = progressBar('verify');
    try {
      const result = await verifyStore(store, (position, head) => bar.update(position, head));
      bar.stop();
      console.log(result.message);
      return result.ok ? 0 : 1;
    } finally {
      bar.stop();
      await store.close();
    }
  }
  if (!file) throw new CliError('verify needs an export file, or --store');
  const input = file === '-' ? process.stdin : createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    input
      .once('open', () => resolve())
      .once('error', (error: Error) =>
        reject(new CliError(`Cannot read ${file}: ${error.message}`)),
      );
  });
  await opened;
  const result = await verifyExport(createInterface({ input, crlfDelay: Infinity }));
  console.log(result.ok ? result.message : `ALTERED: ${result.message}`);
  return result.ok ? 0 : 1;
}

/** `audit seal`: appends an AuditSealed event covering every event since the last seal. */
export async function sealCommand(environment: CliEnvironment): Promise<number> {
  const store = openStore(environment, { write: true });
  try {
    const result = await sealStore(store);
    console.log(
      result.sealed
        ? `Sealed ${result.data!.count} events up to position ${result.data!.toPosition} in ${result.seals} seal(s) (hash ${result.data!.hash}); the last seal is at position ${result.position}`
        : 'Nothing new to seal',
    );
    return 0;
  } finally {
    await store.close();
  }
}
