import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RawRecord } from '../../kit/readers/raw-records.js';
import { readWire } from '../../kit/registry/wire-format.js';

/** A stored record as the grader reads it: its wire header, and its value decoded (or why not). */
export interface DecodedRecord {
  partition: number;
  offset: number;
  wire: 'ok' | 'empty' | 'short' | 'magic';
  /** First bytes in hex, for a value not in the wire format. */
  firstBytes?: string;
  schemaId?: number;
  value?: Record<string, unknown>;
  decodeError?: string;
}

/**
 * Decodes each record with the writer's schema its id names (or, given a reader schema, resolved from the
 * writer's into the reader's, as Avro's schema resolution does). Never throws on a student's bytes.
 */
export async function decodeRecords(
  registry: SchemaRegistry,
  records: RawRecord[],
  readerSchema?: string,
): Promise<DecodedRecord[]> {
  const out: DecodedRecord[] = [];
  for (const r of records) {
    const w = readWire(r.value);
    if (!w.ok) {
      out.push({ partition: r.partition, offset: r.offset, wire: w.reason, firstBytes: w.firstBytes });
      continue;
    }
    const base = { partition: r.partition, offset: r.offset, wire: 'ok' as const, schemaId: w.schemaId };
    try {
      const opts = readerSchema ? { [SchemaType.AVRO]: { readerSchema: JSON.parse(readerSchema) } } : undefined;
      const value = (await registry.decode(r.value!, opts)) as unknown;
      out.push({ ...base, value: value && typeof value === 'object' ? (value as Record<string, unknown>) : { value } });
    } catch (e) {
      out.push({ ...base, decodeError: ((e as Error).message ?? String(e)).slice(0, 200) });
    }
  }
  return out;
}

/** A decoded value as the News fields a check compares (null stays null, absent stays undefined). */
export function newsFields(v: Record<string, unknown> | undefined): {
  title?: unknown;
  media?: unknown;
  test?: unknown;
} {
  if (!v) return {};
  const test =
    v.test && typeof v.test === 'object' && 'string' in (v.test as object)
      ? (v.test as { string: unknown }).string
      : v.test;
  return { title: v.title, media: v.media, ...('test' in v ? { test } : {}) };
}
