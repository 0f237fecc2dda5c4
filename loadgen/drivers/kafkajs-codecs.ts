import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';

/**
 * kafkajs ships gzip only; the other codecs are plug-ins. Each comes from an npm package that installs here
 * without fetching anything outside the registry:
 *   snappy - kafkajs-snappy (snappyjs, pure JavaScript);
 *   lz4    - lz4-napi (Rust lz4_flex; its linux-x64 binary is itself an npm package), LZ4 frame format as Kafka wants;
 *   zstd   - @mongodb-js/zstd 1.x (Rust zstd; binary shipped as an npm package).
 * Registration is global to kafkajs and done once; a missing package leaves that codec unavailable.
 */
const require = createRequire(import.meta.url);
// kafkajs is CommonJS: its codec table is reachable through the default export only.
const { CompressionCodecs, CompressionTypes } = kafkajs;
type Codec = () => { compress(encoder: { buffer: Buffer }): Promise<Buffer>; decompress(buffer: Buffer): Promise<Buffer> };

let registered: string[] | undefined;

function tryLoad<T>(name: string): T | undefined {
  try {
    return require(name) as T;
  } catch {
    return undefined;
  }
}

export function registerKafkajsCodecs(): string[] {
  if (registered) return registered;
  const codecs = CompressionCodecs as unknown as Record<number, Codec>;
  const available = ['none', 'gzip'];
  const snappy = tryLoad<() => ReturnType<Codec>>('kafkajs-snappy');
  if (snappy) {
    codecs[CompressionTypes.Snappy] = snappy;
    available.push('snappy');
  }
  const lz4 = tryLoad<{ compressFrame(b: Buffer): Promise<Buffer>; decompressFrame(b: Buffer): Promise<Buffer> }>('lz4-napi');
  if (lz4) {
    codecs[CompressionTypes.LZ4] = () => ({ compress: (e) => lz4.compressFrame(e.buffer), decompress: (b) => lz4.decompressFrame(b) });
    available.push('lz4');
  }
  const zstd = tryLoad<{ compress(b: Buffer, level?: number): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> }>('@mongodb-js/zstd');
  if (zstd) {
    codecs[CompressionTypes.ZSTD] = () => ({ compress: (e) => zstd.compress(e.buffer, 3), decompress: (b) => zstd.decompress(b) });
    available.push('zstd');
  }
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
