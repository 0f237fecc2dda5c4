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
    stack: {
      provider: 'docker',
      brokers: 3,
      kafkaVersion: '3.7.0',
      services: ['kafka-1', 'kafka-2', 'kafka-3', 'toxiproxy'],
    },
    startedAt: '2024-11-21T10:00:00.000Z',
    durationMs: 42_350,
    isolation: {
      kind: 'none',
      filesystem: false,
      network: false,
      user: false,
      limits: [],
      reapsDescendants: false,
      summary: {
        fr: "non isolée : la solution a tourné avec l'utilisateur du correcteur, avec tous ses fichiers et tout le réseau",
        en: "not sandboxed: the solution ran as the grader's user, with all of its files and the whole network",
      },
    },
    provenance: 'self-reported',
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
        evidence: {
          summary: { fr: '1000 messages sur 1000 lus.', en: '1000 of 1000 messages read.' },
          data: { expected: 1000, read: 1000 },
        },
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
        evidence: {
          summary: {
            fr: 'La solution a planté pendant la vérification.',
            en: 'The solution crashed during the check.',
          },
        },
        hint: {
          fr: 'Lire la sortie d’erreur de la phase « ordering ».',
          en: 'Read the stderr of the "ordering" phase.',
        },
        crash: {
          rootCause:
            'Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # comment for configuration auto.offset.reset',
          lastLines:
            'Caused by: org.apache.kafka.common.config.ConfigException: Invalid value earliest # comment for configuration auto.offset.reset\n\tat org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:526)',
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

/** The Maven output of a solution that does not compile (javac errors listed twice, as Maven does). */
export const MAVEN_COMPILE_FAILURE = [
  '[INFO] Scanning for projects...',
  '[INFO] --- maven-compiler-plugin:3.11.0:compile (default-compile) @ notifications ---',
  '[INFO] -------------------------------------------------------------',
  '[ERROR] COMPILATION ERROR : ',
  '[INFO] -------------------------------------------------------------',
  '[ERROR] /home/kgrade/.cache/kgrade/fixtures/ex1-x/src/main/java/fr/course/Main.java:[64,34] cannot find symbol',
  '  symbol:   method sendMessage(java.lang.String)',
  '  location: class fr.course.Main',
  '[ERROR] /home/kgrade/.cache/kgrade/fixtures/ex1-x/src/main/java/fr/course/Main.java:[80,9] incompatible types: int cannot be converted to java.lang.String',
  '[INFO] 2 errors ',
  '[INFO] BUILD FAILURE',
  '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project notifications: Compilation failure: Compilation failure: ',
  '[ERROR] /home/kgrade/.cache/kgrade/fixtures/ex1-x/src/main/java/fr/course/Main.java:[64,34] cannot find symbol',
  '[ERROR]   symbol:   method sendMessage(java.lang.String)',
  '[ERROR]   location: class fr.course.Main',
  '[ERROR] -> [Help 1]',
].join('\n');

const BUILD_HINT = {
  fr: 'Votre solution ne compile pas : lisez les erreurs du compilateur ci-dessous et corrigez-les avant de relancer.',
  en: 'Your solution does not build: read the compiler errors below and fix them, then grade again.',
};

/** Every check stopped by the same build failure, as the engine reports it. */
export function buildErrorResult(): GradeResult {
  const base = sampleResult();
  const verdicts = base.verdicts.map((v) => ({
    id: v.id,
    title: v.title,
    points: v.points,
    score: 0,
    status: 'error' as const,
    evidence: {
      summary: {
        fr: "La solution n'a pas pu être évaluée : la solution ne se construit pas : `mvn package` a terminé avec le code 1",
        en: 'The solution could not be graded: the solution does not build: `mvn package` exited with code 1',
      },
      data: { problem: 'build', output: MAVEN_COMPILE_FAILURE.split('\n').slice(-8).join('\n') },
    },
    hint: BUILD_HINT,
    durationMs: 0,
  }));
  return {
    ...base,
    solution: { dir: 'students/alice/ex1', runner: 'maven' },
    stack: { provider: 'native', brokers: 3, kafkaVersion: '3.9.0', services: [] },
    replayCommand: 'kgrade grade ex03-idempotent-producer --solution students/alice/ex1 --seed 424242',
    outcome: 'error',
    score: 0,
    verdicts,
    logs: [{ phase: 'build', stdout: MAVEN_COMPILE_FAILURE, stderr: '', truncated: false, exitCode: 1 }],
    problems: [],
  };
}

/** A solution that stops at start-up: every check stopped by the same crash, with its root cause. */
export function crashResult(): GradeResult {
  const base = buildErrorResult();
  const output = [
    'Exception in thread "main" org.apache.kafka.common.KafkaException: Failed to construct kafka producer',
    '\tat org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:473)',
    'Caused by: org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: kafka:9092x',
    '\tat org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:59)',
  ].join('\n');
  return {
    ...base,
    logs: [
      { phase: 'build', stdout: '', stderr: '', truncated: false, exitCode: 0 },
      { phase: 'start', stdout: '', stderr: output, truncated: false, exitCode: 1 },
    ],
    verdicts: base.verdicts.map((v) => ({
      ...v,
      evidence: {
        summary: {
          fr: "La solution n'a pas pu être évaluée : la solution s'est arrêtée avant d'être prête (code de sortie 1)",
          en: 'The solution could not be graded: the solution exited before it was ready (exit code 1)',
        },
        data: { problem: 'start', output },
      },
      hint: {
        fr: 'Lisez la cause première ci-dessous et lancez la solution à la main.',
        en: 'Read the root cause below and run the solution by hand.',
      },
      crash: {
        rootCause:
          'Caused by: org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: kafka:9092x',
        lastLines: output,
      },
    })),
  };
}

/** A graded run whose evidence asks for charts: distributions and timelines (the shapes ex0, ex1, ex2 and ex9 give). */
export function chartResult(): GradeResult {
  const base = sampleResult();
  return {
    ...base,
    notes: [
      {
        fr: 'Votre fenêtre est TUMBLING alors que HOPPING est demandé.',
        en: 'Your window is TUMBLING where HOPPING is asked.',
      },
    ],
    verdicts: [
      {
        id: 'unkeyed-spread',
        title: { fr: 'Les messages sans clé se répartissent', en: 'Unkeyed records are spread' },
        points: 2,
        score: 2,
        status: 'pass',
        evidence: {
          summary: { fr: '30 messages sans clé sur 3 partitions.', en: '30 unkeyed records over 3 partitions.' },
          data: { topic: 'orders', unkeyedCount: 30, unkeyedByPartition: { 0: 12, 1: 9, 2: 9 } },
          charts: [{ kind: 'partition-counts', shows: ['unkeyedByPartition'], counts: { 0: 12, 1: 9, 2: 9 } }],
        },
        durationMs: 1500,
      },
      {
        id: 'general-spread',
        title: { fr: 'Répartition des notifications générales', en: 'General notifications are spread' },
        points: 2,
        score: 0,
        status: 'fail',
        evidence: {
          summary: { fr: 'Toutes sur la partition 0.', en: 'All on partition 0.' },
          data: { reserved: 3, counts: [30, 0, 0, 0], sent: 30, arrived: 30 },
          charts: [{ kind: 'partition-counts', shows: ['counts'], counts: { 0: 30, 1: 0, 2: 0, 3: 0 }, reserved: [3] }],
        },
        hint: { fr: 'Un partitionneur qui répartit.', en: 'A partitioner that spreads.' },
        durationMs: 2500,
      },
      {
        id: 'sync-waits-for-ack',
        title: { fr: "Le synchrone attend l'accusé de réception", en: 'Sync waits for the acknowledgement' },
        points: 3,
        score: 3,
        status: 'pass',
        evidence: {
          summary: {
            fr: "L'appel a pris 912 ms pour 800 ms de latence.",
            en: 'The call took 912 ms with 800 ms of latency.',
          },
          data: {
            endpoint: 'POST /notifications/sync',
            latencyMs: 800,
            response: { status: 200, ms: 912 },
            arrived: true,
          },
          charts: [{ kind: 'latency', shows: ['latencyMs', 'response'], responseMs: 912, injectedMs: 800 }],
        },
        durationMs: 4500,
      },
      {
        id: 'leader-killed',
        title: { fr: 'Aucune perte quand le leader meurt', en: 'No loss when the leader dies' },
        points: 3,
        score: 0,
        status: 'fail',
        evidence: {
          summary: { fr: '2 messages confirmés perdus.', en: '2 acknowledged records lost.' },
          data: {
            scenario: 'leader-killed',
            timeline: [
              { atMs: 1200, action: 'replication-down', brokers: [2] },
              { atMs: 3200, action: 'kill', brokers: [2] },
              { atMs: 3300, action: 'replication-up', brokers: [1, 2, 3] },
              { atMs: 7200, action: 'heal', brokers: [] },
              { atMs: 500, action: 'timeout downstream {"timeout":200}', brokers: [1] },
            ],
            writes: { acked: 180, failed: 12, unknown: 8 },
            lostCount: 2,
            duplicateCount: 1,
            lost: [{ id: 'w-17' }, { id: 'w-18' }],
          },
          charts: [
            {
              kind: 'delivery',
              shows: ['writes', 'lostCount', 'duplicateCount'],
              acked: 180,
              failed: 12,
              unknown: 8,
              lost: 2,
              duplicates: 1,
            },
            {
              kind: 'faults',
              shows: ['timeline'],
              events: [
                { atMs: 1200, action: 'replication-down', brokers: [2] },
                { atMs: 3200, action: 'kill', brokers: [2] },
                { atMs: 3300, action: 'replication-up', brokers: [1, 2, 3] },
                { atMs: 7200, action: 'heal', brokers: [] },
                { atMs: 500, action: 'timeout downstream {"timeout":200}', brokers: [1] },
              ],
            },
          ],
        },
        durationMs: 7000,
      },
    ],
  };
}
