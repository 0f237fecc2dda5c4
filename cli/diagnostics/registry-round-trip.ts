import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { connectedProducer, proxiedKafka } from '../../kit/probe-clients.js';
import { readRawRecords } from '../../kit/readers/raw-records.js';
import {
  deleteSubject,
  registerSchema,
  setSubjectCompatibility,
  subjectCompatibility,
  subjectVersions,
} from '../../kit/registry/registry-http.js';
import { readWire } from '../../kit/registry/wire-format.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { Capability, StepResult } from './capabilities.js';

const FIELDS = [
  { name: 'title', type: 'string' },
  { name: 'media', type: 'string' },
];
const V1 = { type: 'record' as const, name: 'News', namespace: 'kgrade.check', fields: FIELDS };
const REQUIRED = { ...V1, fields: [...FIELDS, { name: 'test', type: 'string' }] };
const V2 = { ...V1, fields: [...FIELDS, { name: 'test', type: ['null', 'string'], default: null }] };

/** Which registry answers: Apicurio serves Confluent's API under /apis/ccompat/v7. */
export function registryKindOf(url: string): 'apicurio' | 'confluent' {
  return url.includes('/apis/ccompat/') ? 'apicurio' : 'confluent';
}

/** Says which registry this round trip proved, and that the other one is not proved by it. */
export function registryLabel(url: string): string {
  return registryKindOf(url) === 'apicurio'
    ? `Apicurio (Confluent-compatible API) at ${url}; Confluent's own registry runs only with --provider docker --images official, where its image can be pulled, and is not proved here`
    : `Confluent Schema Registry at ${url}`;
}

/**
 * A real round trip through the registry, as ex5 grades it: register News under a subject set to BACKWARD,
 * send a record in the wire format through the proxies, read its bytes back and decode them by id; then
 * evolve: a required field refused (409, nothing registered), an optional one accepted as version 2, and
 * each version's record read with the other version's schema.
 */
async function roundTrip(stack: StartedKafkaStack, url: string, prefix: string): Promise<StepResult> {
  const topic = `${prefix}-avro`;
  const subject = `${topic}-value`;
  const registry = new SchemaRegistry({ host: url, retry: { retries: 2 } });
  const steps: string[] = [registryLabel(url)];
  const failed = (why: string): StepResult => ({ ok: false, detail: [...steps, `FAILED: ${why}`].join('; ') });
  await stack.createTopics([{ topic, numPartitions: 1, replicationFactor: 1 }]);
  try {
    const { id: v1 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V1) }, { subject });
    await setSubjectCompatibility(url, subject, 'BACKWARD');
    const level = await subjectCompatibility(url, subject);
    if (level.level !== 'BACKWARD') return failed(`GET /config/${subject} -> ${level.status} ${level.text}`);
    steps.push(`v1 registered as id ${v1} (BACKWARD)`);

    const producer = await connectedProducer(proxiedKafka(stack, { retries: 3 }));
    await producer.send({ topic, messages: [{ value: await registry.encode(v1, { title: 'old', media: 'm' }) }] });
    const stored = await readRawRecords(stack, topic);
    const header = readWire(stored[0]?.value ?? null);
    if (!header.ok || header.schemaId !== v1)
      return failed(`stored value header ${JSON.stringify(header.ok ? { schemaId: header.schemaId } : header)}`);
    const back = (await registry.decode(stored[0]!.value!)) as { title?: string };
    if (back.title !== 'old') return failed(`decoded ${JSON.stringify(back)}`);
    steps.push(`record stored as 0x00 + id ${v1} and decoded back`);

    const refused = await registerSchema(url, subject, JSON.stringify(REQUIRED));
    const afterRefusal = await subjectVersions(url, subject);
    if (refused.status !== 409 || afterRefusal.versions.join() !== '1')
      return failed(`required field: ${refused.status} ${refused.text}; versions ${afterRefusal.text}`);
    steps.push('required field refused (409, versions [1])');

    const { id: v2 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V2) }, { subject });
    const versions = await subjectVersions(url, subject);
    if (versions.versions.join() !== '1,2') return failed(`versions after the optional field: ${versions.text}`);
    await producer.send({
      topic,
      messages: [{ value: await registry.encode(v2, { title: 'new', media: 'm', test: 't' }) }],
    });
    await producer.disconnect();
    const both = await readRawRecords(stack, topic);
    const newByOld = (await registry.decode(both[1]!.value!, { [SchemaType.AVRO]: { readerSchema: V1 } })) as Record<
      string,
      unknown
    >;
    const oldByNew = (await registry.decode(both[0]!.value!, { [SchemaType.AVRO]: { readerSchema: V2 } })) as Record<
      string,
      unknown
    >;
    if (newByOld.title !== 'new' || 'test' in newByOld || oldByNew.title !== 'old' || oldByNew.test !== null)
      return failed(`new read as v1: ${JSON.stringify(newByOld)}, old read as v2: ${JSON.stringify(oldByNew)}`);
    steps.push(
      `optional field accepted as v2 (id ${v2}, versions [1,2]); v2 record read with v1's schema, v1 record with v2's (test = null)`,
    );
    return { ok: true, detail: steps.join('; '), data: { v1, v2 } };
  } finally {
    await deleteSubject(url, subject);
    await (await stack.admin()).deleteTopics({ topics: [topic] }).catch(() => undefined);
  }
}

export const registryRoundTrip: Capability = {
  name: 'schema registry: register, encode, decode, evolve',
  run: async (stack, prefix) => {
    const url = stack.services.registryUrl;
    if (!url) return { ok: true, skipped: true, detail: 'no registry in this stack' };
    return roundTrip(stack, url, prefix);
  },
};
