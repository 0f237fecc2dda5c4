/**
 * The grader's environment as an unsandboxed solution inherits it, minus what a test runner running the grader
 * set for itself. Under Vitest (`VITEST` set: the selftests) that is `NODE_ENV=test`, `TEST=true` and the
 * `VITEST*` variables. They are not the student's: kafkajs, for one, reads `NODE_ENV=test` and swaps its retry
 * defaults for its own test ones (15 retries from 50 ms, at most 1 s apart, instead of 5 from 300 ms, up to
 * 30 s), so a selftest graded kafkajs fixtures under a retry regime no `kgrade grade` run gives them. A
 * `NODE_ENV` a user sets outside Vitest is passed on as it is. Pure.
 */
export function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const underVitest = env.VITEST !== undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (underVitest && (k.startsWith('VITEST') || (k === 'NODE_ENV' && v === 'test') || (k === 'TEST' && v === 'true')))
      continue;
    out[k] = v;
  }
  return out;
}
