import { CompressionTypes } from 'kafkajs';
import { execCapture } from '../../core/exec.js';
import { delay, waitFor } from '../../core/wait-for.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { connectedProducer, proxiedKafka, timed } from '../../kit/probe-clients.js';
import { readAll } from '../../kit/readers/topic-reader.js';
import { addToxic, applyFault } from '../../kit/faults/faults.js';

export interface StepResult {
  ok: boolean;
  /** True when the stack lacks what the step needs (e.g. one broker for a leader move). */
  skipped?: boolean;
  detail: string;
  data?: Record<string, unknown>;
}

export interface Capability {
  name: string;
  run(stack: StartedKafkaStack, topicPrefix: string): Promise<StepResult>;
}

const skip = (detail: string): StepResult => ({ ok: true, skipped: true, detail });
const noFaults = (stack: StartedKafkaStack) =>
  !stack.control.faults ? skip('no Toxiproxy control on this stack') : undefined;

/** A topic whose partition i is led by broker (i % N) + 1, replicated `rf` times. */
async function spreadTopic(stack: StartedKafkaStack, topic: string, rf = 1): Promise<void> {
  const ids = stack.brokers.map((b) => b.id);
  const replicaAssignment = ids.map((_, p) => ({
    partition: p,
    replicas: Array.from({ length: rf }, (_, r) => ids[(p + r) % ids.length]!),
  }));
  await stack.createTopics([{ topic, replicaAssignment }]);
  for (let p = 0; p < ids.length; p++) await stack.waitForIsr(topic, p, rf);
}

const roundTrip: Capability = {
  name: 'round trip through the proxies',
  async run(stack, prefix) {
    const topic = `${prefix}-roundtrip`;
    await spreadTopic(stack, topic);
    const kafka = proxiedKafka(stack, { retries: 3 });
    const admin = kafka.admin();
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    await admin.disconnect();
    const advertised = brokers.map((b) => `${b.host}:${b.port}`).sort();
    const expected = stack.brokers.map((b) => b.endpoint.proxied).sort();
    const producer = await connectedProducer(kafka);
    const values = stack.brokers.map((b) => `hello via proxy of broker ${b.id}`);
    await producer.send({ topic, messages: values.map((value, partition) => ({ value, partition })) });
    await producer.disconnect();
    const read = await readAll(stack, topic);
    const ok = JSON.stringify(advertised) === JSON.stringify(expected) && read.length === values.length;
    return {
      ok,
      detail: `clients see brokers at ${advertised.join(', ')} (proxies: ${expected.join(', ')}); ${read.length}/${values.length} records read back`,
      data: { advertised, expected },
    };
  },
};

const latency: Capability = {
  name: '300 ms latency on one leader proxy slows only its partitions',
  async run(stack, prefix) {
    const none = noFaults(stack);
    if (none) return none;
    const topic = `${prefix}-latency`;
    await spreadTopic(stack, topic);
    const producer = await connectedProducer(proxiedKafka(stack, { requestTimeout: 10_000 }));
    const send = (partition: number) =>
      timed(() => producer.send({ topic, acks: 1, messages: [{ value: 'x', partition }] }));
    for (let p = 0; p < stack.brokers.length; p++) await send(p);
    const leader0 = await stack.leaderOf(topic, 0);
    const removeToxic = await addToxic(
      stack,
      { broker: leader0 },
      { type: 'latency', stream: 'downstream', attributes: { latency: 300, jitter: 0 } },
    );
    try {
      const slow = await send(0);
      const fast = stack.brokers.length > 1 ? await send(1) : undefined;
      const ok = !slow.error && slow.ms >= 300 && (!fast || (!fast.error && fast.ms < 200));
      return {
        ok,
        detail: `produce to partition 0 (leader ${leader0}, 300 ms toxic) took ${slow.ms} ms${fast ? `; partition 1 (leader ${await stack.leaderOf(topic, 1)}) took ${fast.ms} ms` : ''}`,
        data: { slowMs: slow.ms, fastMs: fast?.ms },
      };
    } finally {
      await removeToxic();
      await producer.disconnect();
    }
  },
};

const cut: Capability = {
  name: 'cut and restore a broker link',
  async run(stack, prefix) {
    const none = noFaults(stack);
    if (none) return none;
    const topic = `${prefix}-cut`;
    await spreadTopic(stack, topic);
    const kafka = proxiedKafka(stack, { requestTimeout: 2000, retries: 0 });
    const producer = await connectedProducer(kafka);
    await producer.send({ topic, messages: [{ value: 'before', partition: 0 }] });
    const leader = { broker: await stack.leaderOf(topic, 0) };
    await applyFault(stack, { kind: 'link-down', target: leader });
    const during = await timed(() => producer.send({ topic, acks: 1, messages: [{ value: 'during', partition: 0 }] }));
    await applyFault(stack, { kind: 'link-up', target: leader });
    const after = await waitFor(
      async () => {
        const r = await timed(() => producer.send({ topic, messages: [{ value: 'after', partition: 0 }] }));
        return r.error ? undefined : r;
      },
      { timeoutMs: 15_000, what: 'a send after the link came back' },
    ).catch((e: Error) => ({ ms: -1, error: e }));
    await producer.disconnect();
    const ok = !!during.error && !after.error;
    return {
      ok,
      detail: `while cut: ${during.error ? `send failed after ${during.ms} ms (${during.error.name})` : 'send SUCCEEDED (the fault was bypassed)'}; after restore: ${after.error ? `still failing (${after.error.message})` : `send ok in ${after.ms} ms`}`,
    };
  },
};

const resetPeer: Capability = {
  name: 'reset_peer on responses makes a retrying non-idempotent producer duplicate',
  async run(stack, prefix) {
    const none = noFaults(stack);
    if (none) return none;
    const copies = async (idempotent: boolean) => {
      const topic = `${prefix}-reset-${idempotent ? 'idem' : 'plain'}`;
      await spreadTopic(stack, topic);
      const producer = await connectedProducer(proxiedKafka(stack, { retries: 5, requestTimeout: 3000 }), {
        idempotent,
        maxInFlightRequests: idempotent ? 1 : undefined,
      });
      await producer.send({ topic, acks: -1, messages: [{ value: 'warm-up', partition: 0 }] });
      const leader = { broker: await stack.leaderOf(topic, 0) };
      // Responses are held back (timeout toxic) and each connection is reset 300 ms after it opens: the request
      // is always written before the reset, so the outcome does not race (a bare reset_peer at 0 ms does).
      const removeHold = await addToxic(stack, leader, {
        type: 'timeout',
        stream: 'downstream',
        attributes: { timeout: 0 },
      });
      const removeReset = await addToxic(stack, leader, {
        type: 'reset_peer',
        stream: 'downstream',
        attributes: { timeout: 300 },
      });
      const removeToxic = async () => {
        await removeReset();
        await removeHold();
      };
      const sending = producer
        .send({ topic, acks: -1, compression: CompressionTypes.None, messages: [{ value: 'once', partition: 0 }] })
        .catch((e: Error) => e);
      const high = async () => Number((await stack.topicOffsets(topic)).find((x) => x.partition === 0)!.high);
      // The first attempt is written (offset 1 after the warm-up) but its response is reset: the client retries.
      await waitFor(async () => (await high()) >= 2, { timeoutMs: 8_000, what: 'the first write' });
      if (idempotent)
        await delay(1500); // window for retries, which the broker must deduplicate
      else
        await waitFor(async () => (await high()) >= 3, { timeoutMs: 8_000, what: 'a retried write' }).catch(
          () => undefined,
        );
      await removeToxic();
      await sending;
      await producer.disconnect();
      return (await readAll(stack, topic)).filter((r) => r.value === 'once').length;
    };
    const plain = await copies(false);
    const idem = await copies(true);
    return {
      ok: plain >= 2 && idem === 1,
      detail: `one send under reset_peer left ${plain} copies without idempotence and ${idem} with idempotence`,
      data: { copiesWithoutIdempotence: plain, copiesWithIdempotence: idem },
    };
  },
};

const leaderKill: Capability = {
  name: 'kill the leader: leadership moves; restart: it rejoins the ISR',
  async run(stack, prefix) {
    if (stack.brokers.length < 3) return skip('needs 3 brokers');
    if (!stack.control.brokers) return skip('no broker control on this stack');
    const topic = `${prefix}-kill`;
    await spreadTopic(stack, topic, 3);
    const leader = await stack.leaderOf(topic, 0);
    const t0 = performance.now();
    await applyFault(stack, { kind: 'kill', target: { broker: leader } });
    const newLeader = await waitFor(
      async () => {
        const l = await stack.leaderOf(topic, 0);
        return l >= 0 && l !== leader ? l : undefined;
      },
      { timeoutMs: 20_000, what: 'a new leader' },
    );
    const moveMs = Math.round(performance.now() - t0);
    const t1 = performance.now();
    await applyFault(stack, { kind: 'start', target: { broker: leader } });
    const isr = await stack.waitForIsr(topic, 0, 3, 60_000);
    const rejoinMs = Math.round(performance.now() - t1);
    return {
      ok: isr.includes(leader),
      detail: `leader ${leader} killed, broker ${newLeader} led after ${moveMs} ms; restarted ${leader} back in the ISR after ${rejoinMs} ms`,
      data: { moveMs, rejoinMs },
    };
  },
};

const replicationCut: Capability = {
  name: "cut a leader's replication link: followers fall out of the ISR while clients still write (acks=1)",
  async run(stack, prefix) {
    if (stack.brokers.length < 3) return skip('needs 3 brokers');
    const topic = `${prefix}-replcut`;
    await spreadTopic(stack, topic, 3);
    const leader = stack.broker(await stack.leaderOf(topic, 0));
    if (!leader.replicationProxy) return skip('no replication proxies on this stack');
    const producer = await connectedProducer(proxiedKafka(stack, { requestTimeout: 3000, retries: 0 }));
    await applyFault(stack, { kind: 'replication-down', target: { broker: leader.id } });
    const acks1 = await timed(() =>
      producer.send({ topic, acks: 1, messages: [{ value: 'leader only', partition: 0 }] }),
    );
    const isr = await waitFor(
      async () => {
        const s = await stack.partitionState(topic, 0);
        return s.isr.length === 1 ? s.isr : undefined;
      },
      { timeoutMs: 20_000, what: 'the ISR to shrink to the isolated leader' },
    ).catch(() => undefined);
    await applyFault(stack, { kind: 'replication-up', target: { broker: leader.id } });
    await producer.disconnect();
    const back = await stack
      .waitForIsr(topic, 0, 3, 30_000)
      .then(() => true)
      .catch(() => false);
    return {
      ok: !acks1.error && !!isr && back,
      detail: `acks=1 write to isolated leader ${leader.id}: ${acks1.error ? `failed (${acks1.error.message})` : `ok in ${acks1.ms} ms`}; ISR shrank to ${isr ? `[${isr.join(', ')}]` : 'NOT 1 broker'}; link restored: ISR ${back ? 'full again' : 'still short'}`,
    };
  },
};

const pause: Capability = {
  name: 'pause a broker: its partitions stall; resume: they serve again',
  async run(stack, prefix) {
    if (!stack.control.brokers) return skip('no broker control on this stack');
    const topic = `${prefix}-pause`;
    await spreadTopic(stack, topic);
    const producer = await connectedProducer(proxiedKafka(stack, { requestTimeout: 1500, retries: 0 }));
    await producer.send({ topic, messages: [{ value: 'before', partition: 0 }] });
    const broker = { broker: await stack.leaderOf(topic, 0) };
    await applyFault(stack, { kind: 'pause', target: broker });
    const during = await timed(() => producer.send({ topic, acks: 1, messages: [{ value: 'during', partition: 0 }] }));
    await applyFault(stack, { kind: 'resume', target: broker });
    const after = await waitFor(
      async () => {
        const r = await timed(() => producer.send({ topic, messages: [{ value: 'after', partition: 0 }] }));
        return r.error ? undefined : r;
      },
      { timeoutMs: 20_000, what: 'a send after resume' },
    ).catch((e: Error) => ({ ms: -1, error: e }));
    await producer.disconnect();
    return {
      ok: !!during.error && !after.error,
      detail: `paused: ${during.error ? `send timed out after ${during.ms} ms` : 'send succeeded (pause had no effect)'}; resumed: ${after.error ? 'still failing' : `send ok in ${after.ms} ms`}`,
    };
  },
};

async function answers(url: string): Promise<StepResult> {
  const r = await timed(() => fetch(url, { signal: AbortSignal.timeout(5000) }));
  const status = r.value?.status;
  return { ok: status === 200, detail: `GET ${url} -> ${status ?? r.error?.message} in ${r.ms} ms` };
}

const registry: Capability = {
  name: 'schema registry answers',
  run: async (stack) =>
    stack.services.registryUrl ? answers(`${stack.services.registryUrl}/subjects`) : skip('no registry in this stack'),
};

const connect: Capability = {
  name: 'Kafka Connect answers with its plugins',
  async run(stack) {
    const url = stack.services.connectUrl;
    if (!url) return skip('no Connect in this stack');
    const r = await fetch(`${url}/connector-plugins`);
    const plugins = ((await r.json()) as { class: string }[]).map((p) => p.class.split('.').pop());
    const want = ['FileStreamSourceConnector', 'FileStreamSinkConnector', 'PostgresConnector'];
    const missing = want.filter((w) => !plugins.includes(w));
    return {
      ok: r.ok && missing.length === 0,
      detail: `plugins: ${plugins.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
    };
  },
};

const postgres: Capability = {
  name: 'PostgreSQL accepts logical replication clients',
  async run(stack) {
    const pg = stack.services.postgres;
    if (!pg) return skip('no PostgreSQL in this stack');
    const r = await execCapture('psql', [pg.url, '-tAc', 'SHOW wal_level'], { timeoutMs: 10_000 });
    return {
      ok: r.stdout.trim() === 'logical',
      detail: `psql ${pg.host}:${pg.port}: wal_level=${r.stdout.trim() || r.stderr.trim()}`,
    };
  },
};

export const CAPABILITIES: Capability[] = [
  roundTrip,
  latency,
  cut,
  resetPeer,
  leaderKill,
  replicationCut,
  pause,
  registry,
  connect,
  postgres,
];
