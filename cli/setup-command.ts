import type { Command } from 'commander';
import { setupMain, TARGETS } from './setup/machine-setup.mjs';

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description(
      `install the system tools kgrade needs (${Object.keys(TARGETS).join('|')}; Debian/Ubuntu, as root), idempotent; without root, print the commands`,
    )
    .argument(
      '<what...>',
      'machine (native stack and sandbox), sandbox (bubblewrap), docker (engine, started), browser (Chromium for the report tests), all',
    )
    .option('--print', 'print the commands that would run, run nothing')
    .action(async (what: string[], opts: { print?: boolean }) => {
      process.exitCode = await setupMain([...what, ...(opts.print ? ['--print'] : [])]);
    });
}
