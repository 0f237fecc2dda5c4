/** Sample grading runs for the renderer tests: one of each verdict status, hostile logs. */
import type { GradeResult } from '../model/result.js';
import { RESULT_SCHEMA_VERSION } from '../model/result.js';

/** An ESC (terminal escape) and a NUL: control characters no report may pass through. */
export const CONTROL_CHARS = '\u001b[31m\u0000';

export function sampleResult(): GradeResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    exercise: {
      id: 'ex03-idempotent-producer',
      title: { fr: 'Producteur idempotent', en: 'Idempotent producer' },
    },
    solution: { dir: 'students/alice/ex03', runner: 'node', commit: 'abc1234' },
    seed: 424242,
    replayCommand: 'kgrade grade ex03-idempotent-producer --seed 424242 --solution students/alice/ex03',
    stack: { provider: 'docker', brokers: 3, kafkaVersion: '3.7.0', services: ['kafka-1', 'kafka-2', 'kafka-3', 'toxiproxy'] },
    startedAt: '2024-11-21T10:00:00.000Z',
    durationMs: 42_350,
    outcome: 'graded',
    score: 3,
    maxScore: 12,
    verdicts: [
      {
        id: 'produce-all',
        title: { fr: 'Tous les messages sont produits', en: 'All messages are produced' },
        points: 3,
        score: 3,
        status: 'pass',
        evidence: { summary: { fr: '1000 messages sur 1000 lus.', en: '1000 of 1000 messages read.' }, data: { expected: 1000, read: 1000 } },
        durationMs: 1200,
      },
      {
        id: 'no-duplicates',
        title: { fr: 'Aucun doublon après coupure réseau', en: 'No duplicate after a network cut' },
        points: 4,
        score: 0,
        status: 'fail',
        evidence: {
          summary: {
            fr: '37 doublons trouvés dans orders-0 après la coupure du broker 2 (attendu : 0 & <aucun>).',
            en: '37 duplicates found in orders-0 after broker 2 was cut off (expected: 0 & <none>).',
          },
          data: { partition: 'orders-0', duplicates: 37, firstOffsets: [120, 121, 340] },
        },
        hint: {
          fr: 'Revoir enable.idempotence et acks=all (chapitre 4).',
          en: 'Check enable.idempotence and acks=all (chapter 4).',
        },
        durationMs: 15_400,
      },
      {
        id: 'ordering',
        title: { fr: 'Ordre conservé par clé', en: 'Per-key ordering is kept' },
        points: 2,
        score: 0,
        status: 'error',
        evidence: { summary: { fr: 'La solution a planté pendant la vérification.', en: 'The solution crashed during the check.' } },
        hint: { fr: 'Lire la sortie d’erreur de la phase « ordering ».', en: 'Read the stderr of the "ordering" phase.' },
        crash: {
          rootCause: 'Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # comment for configuration auto.offset.reset',
          lastLines: 'Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # comment for configuration auto.offset.reset\n\tat org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:526)',
        },
        durationMs: 3100,
      },
      {
        id: 'broker-restart',
        title: { fr: 'Reprise après redémarrage', en: 'Recovery after a restart' },
        points: 2,
        score: 0,
        status: 'not-gradable',
        evidence: { summary: { fr: 'Le broker 3 n’a pas redémarré.', en: 'Broker 3 did not restart.' } },
        reason: 'broker kafka-3 restart timed out after 60s',
        durationMs: 60_000,
      },
      {
        id: 'transactions',
        title: { fr: 'Transactions (bonus)', en: 'Transactions (bonus)' },
        points: 1,
        score: 0,
        status: 'skipped',
        evidence: { summary: { fr: 'Non vérifié.', en: 'Not checked.' } },
        reason: 'requires no-duplicates to pass',
        durationMs: 0,
      },
    ],
    logs: [
      { phase: 'build', stdout: 'npm ci ok\n', stderr: '', truncated: false, exitCode: 0 },
      {
        phase: 'ordering',
        stdout: `<script>alert("x")</script> & done ${CONTROL_CHARS}\n`,
        stderr: 'TypeError: cannot read "key" of undefined & more <b>bold</b>\n',
        truncated: true,
        exitCode: 1,
        signal: null,
      },
    ],
    problems: [
      {
        code: 'BROKER_RESTART_TIMEOUT',
        message: 'kafka-3 did not come back within 60s',
        hint: 'Raise stack.restartTimeout or check Docker resources.',
      },
    ],
  };
}

/** A run that never reached any check: the stack could not start. */
export function notGradableResult(): GradeResult {
  return {
    ...sampleResult(),
    outcome: 'not-gradable',
    score: 0,
    maxScore: 12,
    verdicts: [],
    logs: [],
    durationMs: 90_000,
    problems: [
      {
        code: 'STACK_START_FAILED',
        message: 'Docker daemon not reachable',
        hint: 'Start Docker, or use --stack native.',
      },
    ],
  };
}
