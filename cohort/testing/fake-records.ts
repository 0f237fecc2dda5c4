/** Plain-data records for the pure tests (no stack, no grading). */
import type { VerdictStatus } from '../../model/verdict.js';
import type { ExerciseDefinition } from '../../engine/exercise.js';
import { assembleResult } from '../../engine/grade-session.js';
import { RECORD_SCHEMA_VERSION, type CohortRecord, type SourceInfo } from '../store.js';

export function fakeRecord(
  ex: ExerciseDefinition,
  student: { id: string; name: string },
  statuses: Record<string, VerdictStatus> | VerdictStatus,
  source: SourceInfo = { kind: 'path', dir: `/sols/${student.id}` },
  attempts = 1,
): CohortRecord {
  const verdicts = ex.checks.map((c) => {
    const status = typeof statuses === 'string' ? statuses : (statuses[c.id] ?? 'pass');
    return {
      id: c.id,
      title: c.title,
      points: c.points,
      score: status === 'pass' ? c.points : 0,
      status,
      evidence: { summary: { fr: status, en: status } },
      durationMs: 1,
    };
  });
  const result = assembleResult({
    exercise: ex,
    solution: { dir: source.dir, runner: 'node' },
    seed: 1,
    replayCommand: 'kgrade grade',
    startedAt: '2026-11-21T10:00:00.000Z',
    durationMs: 5,
    verdicts,
    logs: [],
    problems: verdicts.some((v) => v.status === 'not-gradable')
      ? [{ code: 'SERVICE_DIED', message: 'broker 1 died', hint: 'retry' }]
      : [],
  });
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    student,
    exerciseId: ex.id,
    source,
    attempts,
    retriedProblems: attempts > 1 ? ['attempt 1: SERVICE_DIED: broker 1 died'] : [],
    finishedAt: '2026-11-21T10:00:01.000Z',
    result: { ...result, provenance: 'trainer' },
  };
}
