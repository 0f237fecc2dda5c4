import { describe, expect, it } from 'vitest';
import { demuxDockerLog, notEnoughReplicasRefusals, refusedAppends } from './broker-log.js';

const LOG = `[2026-11-23 20:36:30,001] INFO [ReplicaManager broker=1] something else (kafka.server.ReplicaManager)
[2026-11-23 20:36:38,353] ERROR [ReplicaManager broker=1] Error processing append operation on partition t1-0 (kafka.server.ReplicaManager)
org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of 2 for partition t1-0
[2026-11-23 20:36:39,001] ERROR [ReplicaManager broker=1] Error processing append operation on partition t1-2 (kafka.server.ReplicaManager)
org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient to satisfy the min.isr requirement of 2 for partition t1-2
[2026-11-23 20:36:40,001] ERROR [ReplicaManager broker=1] Error processing append operation on partition t1-other-0 (kafka.server.ReplicaManager)
org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(1) is insufficient
[2026-11-23 20:36:41,001] ERROR [ReplicaManager broker=1] Error processing append operation on partition t1-1 (kafka.server.ReplicaManager)
org.apache.kafka.common.errors.KafkaStorageException: disk
`;

describe('refused appends in a broker log', () => {
  it('finds the refusals of one topic with their partition and exception', () => {
    expect(refusedAppends(LOG, 't1')).toEqual([
      { topic: 't1', partition: 0, exception: 'NotEnoughReplicasException', at: '2026-11-23 20:36:38,353' },
      { topic: 't1', partition: 2, exception: 'NotEnoughReplicasException', at: '2026-11-23 20:36:39,001' },
      { topic: 't1', partition: 1, exception: 'KafkaStorageException', at: '2026-11-23 20:36:41,001' },
    ]);
  });
  it('counts only min.insync.replicas refusals, and never another topic whose name extends it', () => {
    expect(notEnoughReplicasRefusals(LOG, 't1')).toBe(2);
    expect(notEnoughReplicasRefusals(LOG, 't1-other')).toBe(1);
    expect(notEnoughReplicasRefusals(LOG, 'absent')).toBe(0);
  });
});

describe('docker log frames', () => {
  const frame = (type: number, text: string) => {
    const body = Buffer.from(text);
    const head = Buffer.alloc(8);
    head[0] = type;
    head.writeUInt32BE(body.length, 4);
    return Buffer.concat([head, body]);
  };
  it('joins stdout and stderr frames in order', () => {
    expect(demuxDockerLog(Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n'), frame(1, 'c')]))).toBe('a\nb\nc');
  });
  it('returns a TTY stream as it is', () => {
    expect(demuxDockerLog(Buffer.from('plain text output\n'))).toBe('plain text output\n');
  });
});
