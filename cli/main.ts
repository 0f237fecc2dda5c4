import { Command, CommanderError } from 'commander';
import { GraderError, isGraderError } from '../core/errors.js';
import { registerBenchCommands } from './bench-commands.js';
import { registerCohortCommand } from './cohort-command.js';
import { registerGradeCommands } from './grade-commands.js';
import { registerSelftestCommand } from './selftest-command.js';
import { registerImagesCommands } from './images-commands.js';
import { registerInitCommand } from './init-command.js';
import { registerLoadBench } from './loadgen-commands.js';
import { registerStackCommands } from './stack-commands.js';

const program = new Command()
  .name('kgrade')
  .description('Grades Apache Kafka course exercises against a real Kafka stack')
  .exitOverride()
  .showHelpAfterError();

registerStackCommands(program);
registerGradeCommands(program);
registerSelftestCommand(program);
registerBenchCommands(program);
registerLoadBench(program.commands.find((c) => c.name() === 'bench')!);
registerCohortCommand(program);
registerImagesCommands(program);
registerInitCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (isGraderError(e)) {
    process.stderr.write(`kgrade: ${(e as GraderError).describe()}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kgrade: unexpected error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  }
}
