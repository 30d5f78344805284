import { composeStateAt, httpAsk } from '../application/account-state';
import { type CliEnvironment, CliError } from './cli-context';
import { DEFAULT_SERVICES, parseServices } from './ops-client';

/**
 * `audit state --account <id> --at <ISO>`: asks each running service for the account as it was then,
 * with an administrator's access token (AUDIT_ACCESS_TOKEN), and prints the parts side by side.
 */
export async function stateCommand(
  _environment: CliEnvironment,
  options: { account: string; at: string; json?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const token = env['AUDIT_ACCESS_TOKEN'];
  if (!token)
    throw new CliError(
      "Set AUDIT_ACCESS_TOKEN to an access token of an administrator of the account's organization",
    );
  const state = await composeStateAt(
    options.account,
    options.at,
    httpAsk(parseServices(env['AUDIT_SERVICES'] ?? DEFAULT_SERVICES), token),
  );
  if (options.json) console.log(JSON.stringify(state, null, 2));
  else {
    console.log(`Account ${state.accountId} as of ${state.at}`);
    for (const part of ['profile', 'authentication', 'apiCredentials'] as const) {
      console.log(`\n${part}:`);
      console.log(JSON.stringify(state[part], null, 2));
    }
    for (const missing of state.unavailable)
      console.log(
        `\n${missing.part}: not available from ${missing.service} (${missing.status} ${missing.message})`,
      );
  }
  return state.unavailable.length === 0 ? 0 : 1;
}
