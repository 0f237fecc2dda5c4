import { Socket } from 'node:net';

/**
 * The cluster's metadata as one broker holds it, read with a bare Metadata v4 request, for the grader's
 * observers: which brokers are alive (registered and unfenced) and the leader, replicas and ISR of partitions.
 *
 * Why not kafkajs's metadata calls: kafkajs encodes an empty topic list as "all topics" and throws as soon as
 * any partition it got back has an error. With a broker down, a topic of replication factor 1 on it has a
 * leaderless partition (LEADER_NOT_AVAILABLE), which would hide both a healed cluster and the state of the
 * other partitions. Here a partition without a leader is data (leader -1), never an exception.
 * Wire format: the Kafka protocol guide, Metadata API (key 3), version 4.
 */
export interface PartitionMetadata {
  partition: number;
  /** Kafka error code of the partition (0: none; 5: LEADER_NOT_AVAILABLE). */
  errorCode: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  name: string;
  /** 0, or e.g. 3 (UNKNOWN_TOPIC_OR_PARTITION). */
  errorCode: number;
  partitions: PartitionMetadata[];
}

export interface ClusterMetadata {
  brokers: { nodeId: number; host: string; port: number }[];
  controllerId: number;
  clusterId: string | null;
  topics: TopicMetadata[];
}

const METADATA_API_KEY = 3;
const METADATA_VERSION = 4;
const CLIENT_ID = 'kgrade-metadata-probe';

export function metadataRequest(correlationId: number, topics: string[]): Buffer {
  const clientId = Buffer.from(CLIENT_ID, 'utf8');
  const names = topics.map((t) => Buffer.from(t, 'utf8'));
  // header v1: api_key int16, api_version int16, correlation_id int32, client_id nullable string
  // body v4: topics array (int32 count; 0 = no topic, whereas -1 = all), allow_auto_topic_creation boolean
  const size = 2 + 2 + 4 + 2 + clientId.length + 4 + names.reduce((n, b) => n + 2 + b.length, 0) + 1;
  const buf = Buffer.alloc(4 + size);
  let o = buf.writeInt32BE(size, 0);
  o = buf.writeInt16BE(METADATA_API_KEY, o);
  o = buf.writeInt16BE(METADATA_VERSION, o);
  o = buf.writeInt32BE(correlationId, o);
  o = buf.writeInt16BE(clientId.length, o);
  o += clientId.copy(buf, o);
  o = buf.writeInt32BE(names.length, o);
  for (const name of names) {
    o = buf.writeInt16BE(name.length, o);
    o += name.copy(buf, o);
  }
  buf.writeInt8(0, o);
  return buf;
}

class Reader {
  private o = 0;
  constructor(private readonly buf: Buffer) {}
  int8(): number {
    return this.buf.readInt8(this.o++);
  }
  int16(): number {
    const v = this.buf.readInt16BE(this.o);
    this.o += 2;
    return v;
  }
  int32(): number {
    const v = this.buf.readInt32BE(this.o);
    this.o += 4;
    return v;
  }
  string(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const s = this.buf.toString('utf8', this.o, this.o + len);
    this.o += len;
    return s;
  }
  array<T>(item: () => T): T[] {
    const n = this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
}

/** Parses a Metadata v4 response (without its size prefix). */
export function parseMetadataV4(body: Buffer, correlationId: number): ClusterMetadata {
  const r = new Reader(body);
  const got = r.int32();
  if (got !== correlationId) throw new Error(`metadata response for correlation id ${got}, expected ${correlationId}`);
  r.int32(); // throttle_time_ms
  const brokers = r.array(() => {
    const nodeId = r.int32();
    const host = r.string() ?? '';
    const port = r.int32();
    r.string(); // rack
    return { nodeId, host, port };
  });
  const clusterId = r.string();
  const controllerId = r.int32();
  const topics = r.array((): TopicMetadata => {
    const errorCode = r.int16();
    const name = r.string() ?? '';
    r.int8(); // is_internal
    const partitions = r.array(
      (): PartitionMetadata => ({
        errorCode: r.int16(),
        partition: r.int32(),
        leader: r.int32(),
        replicas: r.array(() => r.int32()),
        isr: r.array(() => r.int32()),
      }),
    );
    return { name, errorCode, partitions: partitions.sort((a, b) => a.partition - b.partition) };
  });
  return { brokers, controllerId, clusterId, topics };
}

/** Asks the broker at `hostPort` (a listener that is never faulted) for the brokers and these topics. */
export function clusterMetadata(hostPort: string, topics: string[] = [], timeoutMs = 3000): Promise<ClusterMetadata> {
  const i = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, i);
  const port = Number(hostPort.slice(i + 1));
  const correlationId = 1 + Math.floor(Math.random() * 1_000_000);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = Buffer.alloc(0);
    let settled = false;
    const done = (err: Error | undefined, value?: ClusterMetadata) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => done(new Error(`no metadata answer from ${hostPort} within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (e) => done(e));
    socket.once('close', () => done(new Error(`${hostPort} closed the connection before answering`)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (received.length < 4 + size) return;
      try {
        done(undefined, parseMetadataV4(received.subarray(4, 4 + size), correlationId));
      } catch (e) {
        done(e as Error);
      }
    });
    socket.connect(port, host, () => socket.write(metadataRequest(correlationId, topics)));
  });
}
