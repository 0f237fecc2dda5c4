import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exerciseById } from '../graders/registry.js';
import {
  applyScaffold,
  chooseRunner,
  describeChoice,
  detectRunner,
  ownPackageSpec,
  scaffoldFiles,
  workflowPackageSpec,
  type CiKind,
} from './init-scaffold.js';

const SAID = {
  create: 'created',
  unchanged: 'unchanged',
  keep: 'kept (it differs; --force overwrites it)',
  overwrite: 'overwritten',
} as const;

/** A user's mistake: one line with the fix, exit 2, nothing written. */
function usage(line: string): void {
  process.stderr.write(`${line}\n`);
  process.exitCode = 2;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      "scaffold kgrade.json (with its runner) and the CI workflow that grades on every push, in a student's repository",
    )
    .argument('<exercise>', 'exercise id, e.g. ex1')
    .option('--dir <dir>', "the student's repository", '.')
    .option('--ci <kind>', 'github|gitlab|none', 'github')
    .option(
      '--runner <runner>',
      'node|maven|command (default: from the folder: pom.xml -> maven, package.json with a .ts/.js main -> node)',
    )
    .option('--start <command>', 'with --runner command: the command that starts the program, e.g. "python3 main.py"')
    .option(
      '--package <spec>',
      'what the workflow installs: kafka-grader@<version>, github:OWNER/kafka-grader#<tag>, a tarball URL or ./<tarball> in the repository',
      ownPackageSpec(),
    )
    .option('--force', 'overwrite files that differ from what init would write')
    .action(
      (
        exercise: string,
        opts: { dir: string; ci: string; runner?: string; start?: string; package: string; force?: boolean },
      ) => {
        const ex = exerciseById(exercise);
        if (opts.ci !== 'github' && opts.ci !== 'gitlab' && opts.ci !== 'none')
          return usage(`kgrade init: --ci must be github, gitlab or none, got '${opts.ci}' (e.g. --ci gitlab)`);
        const dir = path.resolve(opts.dir);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
          return usage(`kgrade init: ${dir} is not a folder: run it in the student's repository or pass --dir`);
        const read = (f: string) =>
          fs.existsSync(path.join(dir, f)) && fs.statSync(path.join(dir, f)).isFile()
            ? fs.readFileSync(path.join(dir, f), 'utf8')
            : undefined;
        const runner = chooseRunner(opts, detectRunner(read));
        if (typeof runner === 'string') return usage(runner);
        const spec = workflowPackageSpec(opts.package, dir, process.cwd());
        if (typeof spec !== 'string') return usage(spec.error);
        const ci = opts.ci as CiKind;
        const files = scaffoldFiles({ exerciseId: ex.id, ci, packageSpec: spec, runner });
        const done = applyScaffold(dir, files, !!opts.force);
        for (const d of done) {
          const what =
            d.path === 'kgrade.json'
              ? describeChoice(runner, (f) => fs.existsSync(path.join(dir, f)))
              : `grades ${ex.id} on every push; installs ${spec}`;
          process.stdout.write(`${d.path}: ${SAID[d.action]}${d.action === 'keep' ? '' : ` (${what})`}\n`);
        }
        process.stdout.write(`then: kgrade grade ${ex.id} (locally), commit and push (in CI)\n`);
      },
    );
}
