import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../core/wait-for.js';
import { committedOffsets, endOffsets } from '../../kit/readers/groups.js';
import { readAll, type HeldRecord } from '../../kit/readers/topic-reader.js';
import { connectedProducer, proxiedKafka } from '../../kit/probe-clients.js';
import { buildSolution, detectSolution } from '../../runner/solution.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { CountSum } from './oracle/aggregations.js';
import type { SessionSpec } from './oracle/sessions.js';
import type { Emission } from './oracle/types.js';
import type { TimeWindowSpec } from './oracle/windows.js';
import type { Scenario } from './scenario.js';

/** The window settings both the oracle and the Kafka Streams topologies run with. */
export interface EngineParams {
  tumbling: TimeWindowSpec;
  hopping: TimeWindowSpec;
  session: SessionSpec;
}

/** What the real engine emitted, in topic order: every window update, and the join's records. */
export interface EngineOutputs {
  tumbling: Emission<CountSum>[];
  hopping: Emission<CountSum>[];
  sessions: Emission<CountSum>[];
  join: { key: string; ts: number; value: string }[];
  /** The program's output, for a failure message. */
  log: string;
}

const PROGRAM_DIR = path.join(import.meta.dirname, 'kafka-streams');

/**
 * Runs the exercise's topologies on Kafka Streams against `stack`: writes the scenario (one partition per
 * topic, record timestamps = event times, users before views), starts the program once, waits until its group
 * committed every input and repartition topic to its end (with at-least-once, offsets are committed only after
 * the outputs were flushed), then reads the output topics. Topics are named after `runId`.
 */
export async function runKafkaStreams(
  stack: StartedKafkaStack,
  scenario: Scenario,
  params: EngineParams,
  runId: string,
  timeoutMs = 150_000,
): Promise<EngineOutputs> {
  const t = (n: string) => `ex7-ks-${n}-${runId}`;
  const appId = `ex7-ks-${runId}`;
  const topics = {
    views: t('views'),
    users: t('users'),
    tumbling: t('tumbling'),
    hopping: t('hopping'),
    sessions: t('sessions'),
    join: t('join'),
  };
  await stack.createTopics(Object.values(topics).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })));
  const producer = await connectedProducer(proxiedKafka(stack, { retries: 5, requestTimeout: 15_000 }), {
    idempotent: true,
    maxInFlightRequests: 1,
  });
  try {
    await producer.send({
      topic: topics.users,
      acks: -1,
      messages: scenario.users.map((u) => ({ key: u.key, value: u.value ?? null, timestamp: String(u.ts) })),
    });
    await producer.send({
      topic: topics.views,
      acks: -1,
      messages: scenario.views.map((v) => ({
        key: v.key,
        value: `${v.value.page},${v.value.duration}`,
        timestamp: String(v.ts),
      })),
    });
  } finally {
    await producer.disconnect();
  }

  const program = detectSolution(PROGRAM_DIR);
  await buildSolution(program, (l) => {
    if (l.exitCode !== 0) throw new Error(`building the Kafka Streams program failed:\n${l.stdout}\n${l.stderr}`);
  });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-ex7-ks-'));
  const args = [
    `bootstrap=${stack.directBootstrapServers}`,
    `application.id=${appId}`,
    `state.dir=${stateDir}`,
    `views=${topics.views}`,
    `users=${topics.users}`,
    `out.tumbling=${topics.tumbling}`,
    `out.hopping=${topics.hopping}`,
    `out.sessions=${topics.sessions}`,
    `out.join=${topics.join}`,
    `tumbling.size=${params.tumbling.sizeMs}`,
    `tumbling.grace=${params.tumbling.graceMs}`,
    `hopping.size=${params.hopping.sizeMs}`,
    `hopping.advance=${params.hopping.advanceMs}`,
    `hopping.grace=${params.hopping.graceMs}`,
    `session.gap=${params.session.gapMs}`,
    `session.grace=${params.session.graceMs}`,
  ];
  const proc = new SolutionProcess('kafka-streams', {
    cmd: 'java',
    args: [
      '-Xmx256m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-jar',
      path.join('target', 'ex7-kafka-streams.jar'),
      ...args,
    ],
    cwd: PROGRAM_DIR,
    env: { ...(process.env as Record<string, string>) },
  });
  try {
    const inputs = [
      topics.views,
      topics.users,
      `${appId}-by-page-tumbling-repartition`,
      `${appId}-by-page-hopping-repartition`,
    ];
    let behind = 'nothing read yet';
    await waitFor(
      async () => {
        if (!proc.running)
          throw new Error(
            `the Kafka Streams program exited:\n${proc.stdoutText().slice(-2000)}\n${proc.stderrText().slice(-2000)}`,
          );
        for (const topic of inputs) {
          const [ends, committed] = await Promise.all([
            endOffsets(stack, topic),
            committedOffsets(stack, appId, topic),
          ]);
          for (const [p, end] of ends) {
            if (end > 0 && committed.get(p) !== end) {
              behind = `${topic}[${p}] committed ${committed.get(p) ?? 'nothing'} of ${end}`;
              return false;
            }
          }
        }
        return true;
      },
      {
        timeoutMs,
        intervalMs: 500,
        what: `the Kafka Streams program to commit every input and repartition topic to its end`,
      },
    ).catch((e: unknown) => {
      throw new Error(
        `${(e as Error).message} (${behind}); the program's last output:\n${proc.stdoutText().slice(-3000)}\n${proc.stderrText().slice(-3000)}`,
      );
    });
    if (!proc.running) throw new Error(`the Kafka Streams program exited:\n${proc.stderrText().slice(-2000)}`);
  } finally {
    await proc.stop(5000);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  const [tumbling, hopping, sessions, join] = await Promise.all([
    readAll(stack, topics.tumbling),
    readAll(stack, topics.hopping),
    readAll(stack, topics.sessions),
    readAll(stack, topics.join),
  ]);
  return {
    tumbling: tumbling.map(windowEmission),
    hopping: hopping.map(windowEmission),
    sessions: sessions.map(windowEmission),
    join: join.map((r) => ({ key: r.key ?? '', ts: r.timestampMs, value: r.value ?? '' })),
    log: proc.stdoutText().slice(-4000) + proc.stderrText().slice(-4000),
  };
}

/** "key|start|end" -> "count,sum" (null: tombstone), as the program writes them. */
export function windowEmission(r: Pick<HeldRecord, 'key' | 'value'>): Emission<CountSum> {
  const [key, start, end] = (r.key ?? '').split('|');
  const value =
    r.value === null ? undefined : { count: Number(r.value.split(',')[0]), sum: Number(r.value.split(',')[1]) };
  return { key: key!, start: Number(start), end: Number(end), value };
}
