/** A run whose Java solution does not compile: every check `error`, the Maven output in the build log. */
import type { GradeResult } from '../../model/result.js';
import { sampleResult } from '../sample-result.js';

export const COMPILER_ERROR = '[ERROR] /work/sol/src/main/java/course/Main.java:[64,34] cannot find symbol';

export function buildErrorResult(): GradeResult {
  const base = sampleResult();
  const maven = [
    '[INFO] Scanning for projects...',
    '[INFO] --- compiler:3.13.0:compile (default-compile) @ ex1 ---',
    '[INFO] Compiling 3 source files with javac [debug target 17] to target/classes',
    COMPILER_ERROR,
    '  symbol:   method sendMessage(java.lang.String)',
    '  location: class course.Producer',
    '[INFO] BUILD FAILURE',
    '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project ex1: Compilation failure',
  ].join('\n');
  return {
    ...base,
    exercise: { id: 'ex1', title: { fr: 'Producteur de nouvelles du cours', en: 'Course news producer' } },
    solution: { dir: 'students/bob/ex1', runner: 'maven' },
    replayCommand: 'kgrade grade ex1 --seed 424242 --solution students/bob/ex1',
    score: 0,
    verdicts: base.verdicts.map((v) => ({
      ...v,
      score: 0,
      status: 'error' as const,
      evidence: { summary: { fr: 'La solution ne compile pas.', en: 'The solution does not build.' }, data: { phase: 'build', exitCode: 1 } },
      hint: { fr: 'Lire les erreurs du compilateur dans le journal « build ».', en: 'Read the compiler errors in the "build" log.' },
      crash: { rootCause: COMPILER_ERROR, lastLines: maven },
    })),
    logs: [{ phase: 'build', stdout: maven, stderr: '', truncated: false, exitCode: 1 }],
    problems: [],
  };
}
