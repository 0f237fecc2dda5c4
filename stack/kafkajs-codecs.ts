import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';

/**
 * Every codec a Kafka client may write, for every kafkajs client of this process. kafkajs ships gzip only and
 * its codec table is global: a client created before the others are registered cannot read a snappy, lz4 or zstd
 * batch (its consumer crashes on the fetch), so registration is done here, below every module that creates a
 * kafkajs client (`StartedKafkaStack.kafka()` calls it), never by a reader that happens to run first.
 * Each codec comes from an npm package that installs without fetching anything outside the registry:
 *   snappy - kafkajs-snappy (snappyjs, pure JavaScript);
 *   lz4    - lz4-napi (Rust lz4_flex; its linux-x64 binary is itself an npm package), LZ4 frame format as Kafka wants;
 *   zstd   - @mongodb-js/zstd 1.x (Rust zstd; binary shipped as an npm package).
 * A codec whose package failed to load, a codec id Kafka does not define (5-7) and a batch that does not
 * decompress throw an `UndecodableBatchError`: not retriable, so the consumer stops at once instead of
 * retrying or taking compressed bytes for records, and the reader names the codec (`undecodableBatchIn`).
 */
const require = createRequire(import.meta.url);
// kafkajs is CommonJS: its codec table is reachable through the default export only.
const { CompressionCodecs, CompressionTypes } = kafkajs;
type Codec = { compress(encoder: { buffer: Buffer }): Promise<Buffer>; decompress(buffer: Buffer): Promise<Buffer> };
type CodecFactory = () => Codec;

export type KafkajsCodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** A batch the grader's kafkajs clients cannot decode: the grader's trouble, never a record silently missing. */
export class UndecodableBatchError extends Error {
  /** kafkajs stops retrying on a non-retriable error and does not restart the consumer. */
  readonly retriable = false;
  constructor(
    /** `snappy`, `lz4`, `zstd`, `gzip`, or `unknown-<id>` for an id Kafka does not define. */
    readonly codec: string,
    readonly reason: string,
  ) {
    super(`a record batch compressed with ${codec} cannot be decoded: ${reason}`);
    this.name = 'UndecodableBatchError';
  }
}

/** The `UndecodableBatchError` behind a kafkajs error (kafkajs wraps it as the `cause` of its own errors). */
export function undecodableBatchIn(e: unknown): UndecodableBatchError | undefined {
  for (let x = e, depth = 0; x && depth < 10; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof UndecodableBatchError) return x;
    // kafkajs's own answer for a codec nobody registered (a client built around this module).
    const missing =
      x instanceof Error && x.name === 'KafkaJSNotImplemented'
        ? /^(\w+) compression not implemented/i.exec(x.message)
        : null;
    if (missing)
      return new UndecodableBatchError(missing[1]!.toLowerCase(), 'no codec for it is registered in kafkajs');
    if ((x as { originalError?: unknown }).originalError instanceof UndecodableBatchError)
      return (x as { originalError: UndecodableBatchError }).originalError;
  }
  return undefined;
}

let registered: KafkajsCodecName[] | undefined;

function tryLoad<T>(name: string): { module?: T; error?: string } {
  try {
    return { module: require(name) as T };
  } catch (e) {
    return {
      error: `its package ${name} did not load (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run npm ci`,
    };
  }
}

/** A codec whose failures name it: decompression errors become `UndecodableBatchError`. */
function named(codec: string, make: () => Codec): CodecFactory {
  return () => {
    const inner = make();
    return {
      compress: (encoder) => inner.compress(encoder),
      decompress: async (buffer) => {
        try {
          return await inner.decompress(buffer);
        } catch (e) {
          throw new UndecodableBatchError(
            codec,
            `decompression failed (${e instanceof Error ? e.message : String(e)})`,
          );
        }
      },
    };
  };
}

function unavailable(codec: string, reason: string): CodecFactory {
  return () => {
    throw new UndecodableBatchError(codec, reason);
  };
}

/** Registers every codec once per process; returns the codecs that can be read and written. */
export function registerKafkajsCodecs(): KafkajsCodecName[] {
  if (registered) return registered;
  const codecs = CompressionCodecs as unknown as Record<number, CodecFactory>;
  const available: KafkajsCodecName[] = ['none', 'gzip'];
  const gzip = codecs[CompressionTypes.GZIP]!;
  codecs[CompressionTypes.GZIP] = named('gzip', gzip);

  const snappy = tryLoad<CodecFactory>('kafkajs-snappy');
  if (snappy.module) {
    codecs[CompressionTypes.Snappy] = named('snappy', snappy.module);
    available.push('snappy');
  } else codecs[CompressionTypes.Snappy] = unavailable('snappy', snappy.error!);

  const lz4 = tryLoad<{ compressFrame(b: Buffer): Promise<Buffer>; decompressFrame(b: Buffer): Promise<Buffer> }>(
    'lz4-napi',
  );
  if (lz4.module) {
    const m = lz4.module;
    codecs[CompressionTypes.LZ4] = named('lz4', () => ({
      compress: (e) => m.compressFrame(e.buffer),
      decompress: (b) => m.decompressFrame(b),
    }));
    available.push('lz4');
  } else codecs[CompressionTypes.LZ4] = unavailable('lz4', lz4.error!);

  const zstd = tryLoad<{
    compress(b: Buffer, level?: number): Promise<Buffer>;
    decompress(b: Buffer): Promise<Buffer>;
  }>('@mongodb-js/zstd');
  if (zstd.module) {
    const m = zstd.module;
    codecs[CompressionTypes.ZSTD] = named('zstd', () => ({
      compress: (e) => m.compress(e.buffer, 3),
      decompress: (b) => m.decompress(b),
    }));
    available.push('zstd');
  } else codecs[CompressionTypes.ZSTD] = unavailable('zstd', zstd.error!);

  // Ids 5-7 are no codec of Kafka's: kafkajs would read such a batch as uncompressed records.
  for (const id of [5, 6, 7]) codecs[id] = unavailable(`unknown-${id}`, `codec id ${id} is not one Kafka defines`);
  registered = available;
  return available;
}

export const KAFKAJS_COMPRESSION: Record<string, number> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};
