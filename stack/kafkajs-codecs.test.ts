import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { registerKafkajsCodecs, UndecodableBatchError, undecodableBatchIn } from './kafkajs-codecs.js';

type Codec = { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> };
const codecs = kafkajs.CompressionCodecs as unknown as Record<number, () => Codec>;

describe('kafkajs codecs', () => {
  it('registers gzip, snappy, lz4 and zstd, each reading what it writes', async () => {
    expect(registerKafkajsCodecs()).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
    const text = Buffer.from('notification '.repeat(50));
    for (const type of [
      kafkajs.CompressionTypes.GZIP,
      kafkajs.CompressionTypes.Snappy,
      kafkajs.CompressionTypes.LZ4,
      kafkajs.CompressionTypes.ZSTD,
    ]) {
      const codec = codecs[type]!();
      const packed = await codec.compress({ buffer: text });
      expect(packed.length, `codec ${type}`).toBeLessThan(text.length);
      expect((await codec.decompress(packed)).toString()).toBe(text.toString());
    }
  });

  it('names the codec of a batch it cannot decode, and never retries it', async () => {
    registerKafkajsCodecs();
    const bad = await codecs[kafkajs.CompressionTypes.LZ4]!()
      .decompress(Buffer.from('not lz4 at all'))
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UndecodableBatchError);
    expect(bad).toMatchObject({ codec: 'lz4', retriable: false });
    for (const id of [5, 6, 7])
      expect(() => codecs[id]!()).toThrow(
        new UndecodableBatchError(`unknown-${id}`, `codec id ${id} is not one Kafka defines`),
      );
  });

  it('finds the codec error behind kafkajs wrappers, and reads kafkajs own "not implemented"', () => {
    const inner = new UndecodableBatchError('zstd', 'its package did not load');
    expect(undecodableBatchIn(new Error('crash', { cause: new Error('retries', { cause: inner }) }))).toBe(inner);
    const notImplemented = Object.assign(new Error('Snappy compression not implemented'), {
      name: 'KafkaJSNotImplemented',
    });
    expect(undecodableBatchIn(new Error('wrapped', { cause: notImplemented }))?.codec).toBe('snappy');
    expect(undecodableBatchIn(new Error('connection refused'))).toBeUndefined();
  });
});
