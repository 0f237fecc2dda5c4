import { defineConfig } from 'vitest/config';
import StackFirstSequencer from './vitest.sequencer.js';

/**
 * Two projects:
 * - unit: pure code (judges, manifests, renderers, configs), parallel, seconds;
 * - stack: suites against real brokers (`*.stack.test.ts`, grader selftests), run one file at a time in a
 *   single long-lived worker so they share one stack (see stack/shared-stack.ts).
 */
export default defineConfig({
  test: {
    sequence: { sequencer: StackFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.stack.test.ts', '**/node_modules/**', 'fixtures/**', 'scratch/**'],
        },
      },
      {
        test: {
          name: 'stack',
          include: ['**/*.stack.test.ts'],
          exclude: ['**/node_modules/**', 'fixtures/**', 'scratch/**'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { hooks: 'stack', sequencer: StackFirstSequencer },
        },
      },
    ],
  },
});
