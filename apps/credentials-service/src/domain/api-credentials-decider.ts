import type { CredentialsEvent } from '@accounts/contracts';
import { assertNever, type CommandContext, type Decider } from '@accounts/event-sourcing';
import type { ApiCredentialsCommand } from './api-credentials-commands';
import {
  type ApiCredentialsState,
  evolveApiCredentials,
  initialApiCredentialsState,
} from './api-credentials-state';
import { decideGenerate } from './decide-generate';
import { decideRegenerate } from './decide-regenerate';
import { decideRevoke } from './decide-revoke';

export function decideApiCredentials(
  command: ApiCredentialsCommand,
  state: ApiCredentialsState,
  context: CommandContext,
): CredentialsEvent[] {
  switch (command.type) {
    case 'GenerateApiCredential':
      return decideGenerate(command, state, context);
    case 'RegenerateApiCredential':
      return decideRegenerate(command, state, context);
    case 'RevokeApiCredential':
      return decideRevoke(command, state);
    default:
      return assertNever(command);
  }
}

/** Stream `apicredentials-<accountId>`: every API credential of one account. */
export const apiCredentialsDecider: Decider<
  ApiCredentialsState,
  ApiCredentialsCommand,
  CredentialsEvent
> = {
  decide: decideApiCredentials,
  evolve: evolveApiCredentials,
  initialState: initialApiCredentialsState,
};
