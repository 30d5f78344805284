import { accountHistory, historyLine, resolveAccount } from '../application/account-history';
import { type CliEnvironment, openIndex, openStore } from './cli-context';
import { writeOut } from './write-out';

export interface HistoryOptions {
  readonly account: string;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
  readonly json?: boolean;
}

/** `audit history --account <id|userName>`: one line per event, or one JSON object per line. */
export async function historyCommand(
  environment: CliEnvironment,
  options: HistoryOptions,
): Promise<number> {
  const store = openStore(environment);
  const index = await openIndex(store, environment).catch(async (error) => {
    await store.close();
    throw error;
  });
  try {
    const account = resolveAccount(index.queries, options.account);
    const entries = await accountHistory(store, index.queries, account, {
      from: options.from,
      to: options.to,
      timeZone: options.tz,
    });
    if (!options.json) {
      await writeOut(
        `History of ${account.userName} (${account.accountId}), ${entries.length} events, times in ${entries[0]?.timeZone ?? options.tz ?? account.timeZone}\n`,
      );
    }
    // Lines are joined in chunks: one write per event would dominate the time of a long history.
    for (let i = 0; i < entries.length; i += 1000) {
      const chunk = entries.slice(i, i + 1000);
      await writeOut(
        chunk
          .map((entry) => (options.json ? JSON.stringify(entry) : historyLine(entry)))
          .join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    await index.close();
    await store.close();
  }
}
