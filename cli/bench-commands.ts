import type { Command } from 'commander';
import { GraderError } from '../core/errors.js';
import { benchStackStart } from '../bench/stack-start.js';

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks that print figures measured in one run on this machine (never used as test assertions)');
  bench
    .command('stack-start')
    .description('cold start time of 1 broker and of 3 brokers + Toxiproxy (provisioning excluded), median of several runs, and broker RSS')
    .option('--runs <n>', 'runs per topology', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new GraderError('BAD_USAGE', `--runs must be a positive integer, got '${v}'`, { hint: 'e.g. --runs 5' });
      return n;
    }, 5)
    .option('--json', 'print JSON')
    .option('--providers <list>', 'native,docker (docker uses the offline images)', 'native')
    .action(async (opts: { runs: number; json?: boolean; providers: string }) => {
      const figures = [];
      for (const provider of opts.providers.split(',') as ('native' | 'docker')[]) {
        figures.push(await benchStackStart(1, false, opts.runs, provider), await benchStackStart(1, true, opts.runs, provider), await benchStackStart(3, true, opts.runs, provider));
      }
      if (opts.json) process.stdout.write(JSON.stringify({ schemaVersion: 1, bench: 'stack-start', figures }, null, 2) + '\n');
      else for (const f of figures) process.stdout.write(`${f.topology.padEnd(28)} median ready ${(f.medianStartMs / 1000).toFixed(2)} s over ${f.runs} runs [${f.startMs.join(', ')} ms]; broker RSS median ${f.medianBrokerRssMiB} MiB\n`);
    });
}
