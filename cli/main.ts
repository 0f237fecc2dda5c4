import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { type GraderError, isGraderError, isUsageError, usageLine } from '../core/errors.js';
import { allCommands, commanderLine, commandFacts, isHelpExit } from './commander-errors.js';

// Commander's parse errors are not printed by commander (nor followed by the help): the catch below prints them
// as one usage line naming the command whose help has the rest.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const program = new Command()
  .name('kgrade')
  .description('Grades Apache Kafka course exercises against a real Kafka stack')
  .version(version, '-V, --version', 'the version of kgrade (the package installed)')
  // Each command parses the options after its name (so `cohort merge --out` is merge's own, not cohort's).
  .enablePositionalOptions()
  .configureOutput({ outputError: () => {} });

/** The command whose parsing failed (each command's exit override records itself before throwing). */
let failing: Command = program;

/**
 * Each top-level command and the module that registers it. Only the module of the command being run is loaded
 * (a grading never loads the load generator's clients, nor testcontainers for a native stack); help, an
 * unknown command or no command load them all, in this order (the order of `kgrade --help`).
 */
const COMMANDS: { names: string[]; register: (p: Command) => Promise<void> }[] = [
  { names: ['stack', 'doctor'], register: async (p) => (await import('./stack-commands.js')).registerStackCommands(p) },
  {
    names: ['list', 'spec', 'grade'],
    register: async (p) => (await import('./grade-commands.js')).registerGradeCommands(p),
  },
  { names: ['selftest'], register: async (p) => (await import('./selftest-command.js')).registerSelftestCommand(p) },
  {
    names: ['bench'],
    register: async (p) => {
      (await import('./bench-commands.js')).registerBenchCommands(p);
      (await import('./loadgen-commands.js')).registerLoadBench(p.commands.find((c) => c.name() === 'bench')!);
    },
  },
  { names: ['cohort'], register: async (p) => (await import('./cohort-command.js')).registerCohortCommand(p) },
  { names: ['images'], register: async (p) => (await import('./images-commands.js')).registerImagesCommands(p) },
  { names: ['init'], register: async (p) => (await import('./init-command.js')).registerInitCommand(p) },
  { names: ['scenario'], register: async (p) => (await import('./scenario-command.js')).registerScenarioCommand(p) },
  { names: ['setup'], register: async (p) => (await import('./setup-command.js')).registerSetupCommand(p) },
];

try {
  const asked = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const only = COMMANDS.find((c) => asked !== undefined && c.names.includes(asked));
  for (const c of only ? [only] : COMMANDS) await c.register(program);
  for (const cmd of allCommands(program))
    cmd.allowExcessArguments(false).exitOverride((err) => {
      failing = cmd;
      throw err;
    });
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (!isHelpExit(e.code))
      process.stderr.write(`kgrade: ${commanderLine(e.code, e.message, commandFacts(failing))}\n`);
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (isUsageError(e)) {
    process.stderr.write(`kgrade: ${usageLine(e)}\n`);
    process.exitCode = 2;
  } else if (isGraderError(e)) {
    process.stderr.write(`kgrade: ${(e as GraderError).describe()}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kgrade: unexpected error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  }
}
