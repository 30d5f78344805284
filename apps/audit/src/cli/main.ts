#!/usr/bin/env node
import { DomainError } from '@accounts/event-sourcing';
import { Command, Option } from 'commander';
import { cliEnvironment, CliError } from './cli-context';
import { exportCommand, sealCommand, verifyCommand } from './export-commands';
import { historyCommand } from './history-command';
import { parkedCommand, projectionsCommand, rebuildCommand } from './projection-commands';
import { stateCommand } from './state-command';

/** `npm run audit -- <command>`: read the event store as an auditor, operate read models as an operator. */
const program = new Command('audit')
  .description(
    'Replay account histories, states at an instant, tamper-evident exports and read-model rebuilds',
  )
  .addOption(
    new Option('--data-dir <dir>', "the services' data folder (embedded SQLite store)").env(
      'DATA_DIR',
    ),
  )
  .showHelpAfterError();

const environment = () => cliEnvironment(process.env, program.opts<{ dataDir?: string }>().dataDir);
const run = async (action: () => Promise<number>): Promise<void> => {
  process.exitCode = await action();
};

program
  .command('history')
  .description('every event of an account from every service, in order, in words')
  .requiredOption('--account <idOrUserName>', 'account id, or a user name it has or had')
  .option('--from <iso>', 'from this instant (inclusive)')
  .option('--to <iso>', 'until this instant (exclusive)')
  .option('--tz <zone>', "IANA time zone for local times (default: the account's own)")
  .option('--json', 'one JSON object per line')
  .action((options) => run(() => historyCommand(environment(), options)));

program
  .command('state')
  .description(
    'the account as every service would have answered at an instant (asks the running services)',
  )
  .requiredOption('--account <id>', 'account id')
  .requiredOption('--at <iso>', 'the instant')
  .option('--json', 'one JSON document')
  .action((options) => run(() => stateCommand(environment(), options)));

program
  .command('export')
  .description("an organization's events as hash-chained JSON lines on stdout, a summary last")
  .requiredOption('--org <orgId>', 'organization id')
  .option('--from <iso>', 'from this instant (inclusive)')
  .option('--to <iso>', 'until this instant (exclusive)')
  .action((options) => run(() => exportCommand(environment(), options)));

program
  .command('verify')
  .description(
    'check an export file (or - for stdin), or with --store the store against its seals; exit 1 when altered',
  )
  .argument('[file]', 'export file')
  .option('--store', 'recompute the running hash of the store and compare it with every seal')
  .action((file, options) => run(() => verifyCommand(environment(), file, options)));

program
  .command('seal')
  .description('append an AuditSealed event with the running hash of every event so far')
  .action(() => run(() => sealCommand(environment())));

program
  .command('projections')
  .description('every read model of every running service: version, checkpoint, lag, parked events')
  .option('--json', 'one JSON object per line')
  .action((options) => run(() => projectionsCommand(environment(), options)));

program
  .command('rebuild')
  .description('rebuild a read model from position 0 while the service keeps answering, then swap')
  .argument('<service>', 'profile-service, auth-service, credentials-service or audit')
  .argument('<projection>', 'projection name (see: audit projections)')
  .action((service, projection) => run(() => rebuildCommand(environment(), service, projection)));

program
  .command('parked')
  .description('list the parked (failed) events of a read model, or retry or skip one')
  .argument('<service>')
  .argument('<projection>')
  .option('--retry <eventId>', 'apply the event again')
  .option('--skip <eventId>', 'leave the event out for good')
  .option('--json', 'one JSON object per line')
  .action((service, projection, options) =>
    run(() => parkedCommand(environment(), service, projection, options)),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(`audit: ${error.message}`);
    process.exitCode = error.exitCode;
  } else if (error instanceof DomainError) {
    console.error(`audit: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 70;
  }
});
