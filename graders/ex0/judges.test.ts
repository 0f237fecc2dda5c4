import { describe, expect, it } from 'vitest';
import { judgeExit } from './checks/exits.js';
import { judgeKeyed } from './checks/keyed-records.js';
import { judgeRead } from './checks/read-from-beginning.js';
import { judgeTopicPartitions } from './checks/topic-partitions.js';
import { judgeUnkeyed } from './checks/unkeyed-records.js';
import { parsePrinted } from './observations.js';

describe('ex0 judges', () => {
  it('topic: 5 partitions; a missing topic names the topics the run created', () => {
    expect(judgeTopicPartitions({ topic: 't', exists: true, partitions: 5, otherNewTopics: [] }).status).toBe('pass');
    expect(
      judgeTopicPartitions({ topic: 't', exists: true, partitions: 3, otherNewTopics: [] }).evidence.summary.en,
    ).toContain('has 3 partition(s); 5 expected');
    const missing = judgeTopicPartitions({ topic: 't', exists: false, partitions: 0, otherNewTopics: ['mytopic'] });
    expect(missing.status).toBe('fail');
    expect(missing.evidence.summary.en).toContain('mytopic');
  });
  it('unkeyed: exactly 10, and says where they landed', () => {
    expect(
      judgeUnkeyed({ topic: 't', exists: true, unkeyedCount: 10, duplicateCopies: 0, unkeyedByPartition: { 2: 10 } })
        .evidence.summary.en,
    ).toContain('all on partition 2');
    expect(
      judgeUnkeyed({ topic: 't', exists: true, unkeyedCount: 10, duplicateCopies: 2, unkeyedByPartition: { 2: 12 } })
        .status,
    ).toBe('pass');
    expect(
      judgeUnkeyed({ topic: 't', exists: true, unkeyedCount: 20, duplicateCopies: 0, unkeyedByPartition: { 2: 20 } })
        .status,
    ).toBe('fail');
  });
  it('keyed: 10 on the murmur2 partition of "my key"', () => {
    const ten = (p: number) => Array.from({ length: 10 }, () => p);
    expect(
      judgeKeyed({ topic: 't', exists: true, partitionCount: 5, keyedPartitions: ten(3), otherKeys: [] }).status,
    ).toBe('pass');
    expect(
      judgeKeyed({ topic: 't', exists: true, partitionCount: 5, keyedPartitions: ten(2), otherKeys: [] }).evidence
        .summary.en,
    ).toContain('murmur2');
    expect(
      judgeKeyed({
        topic: 't',
        exists: true,
        partitionCount: 5,
        keyedPartitions: [...ten(3).slice(5), 1, 1, 1, 1, 1],
        otherKeys: [],
      }).status,
    ).toBe('fail');
    expect(judgeKeyed({ topic: 't', exists: true, partitionCount: 5, keyedPartitions: [], otherKeys: [] }).status).toBe(
      'fail',
    );
  });
  it('keyed: the fix is given in the terms of the client the solution declares', () => {
    const ten = (p: number) => Array.from({ length: 10 }, () => p);
    const rdkafka = { family: 'librdkafka' as const, library: 'confluent-kafka', file: 'requirements.txt' };
    const py = judgeKeyed({
      topic: 't',
      exists: true,
      partitionCount: 5,
      keyedPartitions: ten(2),
      otherKeys: [],
      clients: [rdkafka],
    }).evidence.summary;
    expect(py.en).toContain('The solution declares confluent-kafka (librdkafka, requirements.txt)');
    expect(py.en).toContain('partitioner=murmur2_random');
    expect(py.en).not.toContain('LegacyPartitioner');
    expect(py.fr).toContain('partitioner=murmur2_random');
    const js = judgeKeyed({
      topic: 't',
      exists: true,
      partitionCount: 5,
      keyedPartitions: ten(2),
      otherKeys: [],
      clients: [{ family: 'kafkajs', library: 'kafkajs', file: 'package.json' }],
    }).evidence.summary.en;
    expect(js).toContain('Partitioners.DefaultPartitioner');
    expect(js).not.toContain('murmur2_random');
    const unknown = judgeKeyed({ topic: 't', exists: true, partitionCount: 5, keyedPartitions: ten(2), otherKeys: [] })
      .evidence.summary.en;
    expect(unknown).toContain('kafkajs: ');
    expect(unknown).toContain('librdkafka: partitioner=murmur2_random');
    const rec = (at: string) => ({ at, key: null, value: at });
    expect(
      judgeRead({ topic: 't', exists: true, held: [rec('0:0')], printed: [], unreadableLines: 0, clients: [rdkafka] })
        .evidence.summary.en,
    ).toContain("'auto.offset.reset': 'earliest'");
    const stuck = judgeExit({
      code: null,
      signal: 'SIGKILL',
      timedOut: true,
      flooded: false,
      durationMs: 60_000,
      limitMs: 60_000,
      stderrTail: '',
      topic: 't',
      recordsOnTopic: 20,
      printedRecords: 0,
      clients: [rdkafka],
    });
    expect(stuck.evidence.summary.en).toContain('consumer.close()');
  });
  it('read back: every record held must be printed; an empty topic fails', () => {
    const rec = (at: string, value: string) => ({ at, key: null, value });
    expect(
      judgeRead({
        topic: 't',
        exists: true,
        held: [rec('0:0', 'a'), rec('1:0', 'b')],
        printed: [rec('1:0', 'b'), rec('0:0', 'a')],
        unreadableLines: 0,
      }).status,
    ).toBe('pass');
    expect(
      judgeRead({ topic: 't', exists: true, held: [rec('0:0', 'a'), rec('1:0', 'b')], printed: [], unreadableLines: 0 })
        .evidence.summary.en,
    ).toContain('did not print 2');
    // A retried copy (same key and value) need not be printed twice.
    expect(
      judgeRead({
        topic: 't',
        exists: true,
        held: [rec('0:0', 'a'), rec('0:1', 'a')],
        printed: [rec('0:0', 'a')],
        unreadableLines: 0,
      }).status,
    ).toBe('pass');
    expect(judgeRead({ topic: 't', exists: true, held: [], printed: [], unreadableLines: 0 }).status).toBe('fail');
    // Retries wrote 8 copies (28 held): stopping after 20 records, each partition from its first, is enough...
    const held = Array.from({ length: 28 }, (_, i) => rec(`${i % 4}:${Math.floor(i / 4)}`, `m${i % 20}`));
    const fromStart = held.filter((r) => Number(r.at.split(':')[1]) < 5);
    expect(fromStart).toHaveLength(20);
    expect(judgeRead({ topic: 't', exists: true, held, printed: fromStart, unreadableLines: 0 }).status).toBe('pass');
    // ...but not 20 records that skip a partition's first ones, nor fewer than 20.
    const skipping = held.filter((r) => r.value !== 'm0').slice(0, 20);
    expect(judgeRead({ topic: 't', exists: true, held, printed: skipping, unreadableLines: 0 }).status).toBe('fail');
    expect(
      judgeRead({ topic: 't', exists: true, held, printed: fromStart.slice(0, 19), unreadableLines: 0 }).status,
    ).toBe('fail');
    expect(
      judgeRead({ topic: 't', exists: false, held: [], printed: [], unreadableLines: 0 }).evidence.summary.en,
    ).toContain('does not exist');
  });
  it('exit: code 0 within the limit', () => {
    const base = {
      signal: null,
      flooded: false,
      durationMs: 2000,
      limitMs: 45_000,
      stderrTail: '',
      topic: 't',
      recordsOnTopic: 20,
      printedRecords: 20,
    };
    expect(judgeExit({ ...base, code: 0, timedOut: false }).status).toBe('pass');
    // A program that wrote to another topic still did its work and printed it: its exit counts.
    expect(judgeExit({ ...base, code: 0, timedOut: false, recordsOnTopic: 0 }).status).toBe('pass');
    expect(judgeExit({ ...base, code: null, timedOut: true }).evidence.summary.en).toContain(
      'still running after 45 s',
    );
    expect(judgeExit({ ...base, code: 1, timedOut: false }).status).toBe('fail');
  });
  it('exit: a clean exit without any work done proves nothing', () => {
    const nothing = judgeExit({
      signal: null,
      flooded: false,
      durationMs: 300,
      limitMs: 45_000,
      stderrTail: '',
      topic: 't',
      recordsOnTopic: 0,
      printedRecords: 0,
      code: 0,
      timedOut: false,
    });
    expect(nothing.status).toBe('fail');
    expect(nothing.evidence.summary.en).toContain('holds no record and the program printed none');
  });
  it('parses the contract JSON lines and ignores other output', () => {
    const r = parsePrinted([
      'Starting',
      '{"topic":"t","partition":3,"offset":"0","key":"my key","value":"m"}',
      '{"partition":1,"offset":2,"key":null}',
      '{broken',
    ]);
    expect(r.printed).toEqual([
      { partition: 3, offset: '0', key: 'my key', value: 'm' },
      { partition: 1, offset: '2', key: null, value: null },
    ]);
    expect(r.unreadable).toBe(1);
  });
});
