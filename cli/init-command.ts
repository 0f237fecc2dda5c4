import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { GraderError } from '../core/errors.js';
import { exerciseById } from '../graders/registry.js';
import { applyScaffold, detectRunner, ownPackageSpec, scaffoldFiles, type CiKind } from './init-scaffold.js';

function parseCi(v: string): CiKind {
  if (v === 'github' || v === 'gitlab' || v === 'none') return v;
  throw new GraderError('BAD_USAGE', `--ci must be github, gitlab or none, got '${v}'`, { hint: 'e.g. --ci gitlab' });
}

const SAID = { create: 'created', unchanged: 'unchanged', keep: 'kept (it differs; --force overwrites it)', overwrite: 'overwritten' } as const;

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description("scaffold kgrade.json and the CI workflow (grade on push, report, GitHub Classroom) in a student's repository")
    .argument('<exercise>', 'exercise id, e.g. ex1')
    .option('--dir <dir>', "the student's repository", '.')
    .option('--ci <kind>', 'github|gitlab|none', parseCi, 'github' as CiKind)
    .option('--force', 'overwrite files that differ from what init would write')
    .action((exercise: string, opts: { dir: string; ci: CiKind; force?: boolean }) => {
      const ex = exerciseById(exercise);
      const dir = path.resolve(opts.dir);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new GraderError('BAD_USAGE', `${dir} is not a folder`, { hint: "run it in the student's repository or pass --dir" });
      const files = scaffoldFiles({ exerciseId: ex.id, ci: opts.ci, packageSpec: ownPackageSpec(), runner: detectRunner((f) => fs.existsSync(path.join(dir, f))) });
      const done = applyScaffold(dir, files, !!opts.force);
      for (const d of done) process.stdout.write(`${d.path}: ${SAID[d.action]}\n`);
      process.stdout.write(`then: kgrade grade ${ex.id} (locally), commit and push (in CI)\n`);
    });
}
