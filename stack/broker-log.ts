/**
 * What a broker's own log says about writes it refused. Kafka's ReplicaManager logs every append it rejects
 * for an unexpected reason at ERROR, with the exception on the next line, e.g.
 *   [..] ERROR [ReplicaManager broker=1] Error processing append operation on partition t-0 (kafka.server.ReplicaManager)
 *   org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient ...
 * A refusal under min.insync.replicas is only ever seen by an acks=all producer (acks=0/1 skip the check), so
 * these lines are the broker-side proof that a client really asked for acks=all.
 */
export interface RefusedAppend {
  topic: string;
  partition: number;
  /** The exception's simple name, e.g. NotEnoughReplicasException. */
  exception: string;
  /** The log line's own timestamp, as printed. */
  at?: string;
}

const APPEND_ERROR = /^(?:\[([^\]]+)\]\s+)?ERROR .*Error processing append operation on partition (\S+)-(\d+)\b/;
const EXCEPTION = /^(?:[\w$]+\.)*([\w$]+(?:Exception|Error)):/;

/** Every refused append of `topic` in a broker's log text, in order. */
export function refusedAppends(logText: string, topic: string): RefusedAppend[] {
  const lines = logText.split('\n');
  const out: RefusedAppend[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = APPEND_ERROR.exec(lines[i]!);
    if (!m || m[2] !== topic) continue;
    const ex = EXCEPTION.exec((lines[i + 1] ?? '').trim());
    out.push({ topic, partition: Number(m[3]), exception: ex?.[1] ?? 'unknown', ...(m[1] ? { at: m[1] } : {}) });
  }
  return out;
}

/** How many appends of `topic` the broker refused because too few replicas were in sync. */
export function notEnoughReplicasRefusals(logText: string, topic: string): number {
  return refusedAppends(logText, topic).filter((r) => r.exception === 'NotEnoughReplicasException').length;
}

/**
 * Splits the multiplexed stream the Docker API returns for a container without a TTY: frames of an 8-byte
 * header (stream type, 3 zero bytes, big-endian length) followed by that many bytes of output.
 */
export function demuxDockerLog(buf: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const type = buf[i]!;
    const size = buf.readUInt32BE(i + 4);
    if (type > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) return buf.toString('utf8'); // not multiplexed (a TTY)
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
