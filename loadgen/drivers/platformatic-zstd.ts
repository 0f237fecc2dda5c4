import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { compressionsAlgorithms } from '@platformatic/kafka';

/**
 * zstd for @platformatic/kafka on a Node without node:zlib's zstd (before 22.15; this machine has Node 20).
 * platformatic compresses a batch synchronously through its codec table (`compressionsAlgorithms`, exported, one
 * object per codec, also indexed by bitmask for reading), so a codec is a pair of synchronous functions. The only
 * synchronous native zstd that installs from the npm registry alone is @toondepauw/node-zstd (Rust zstd, its
 * linux-x64 binary an npm package; @mongodb-js/zstd, the kafkajs codec, is asynchronous only). Level 3 is the
 * Java producer's default (zstd-jni's), so perf-test and kgrade compress alike.
 */
export const NATIVE_ZSTD_PACKAGE = '@toondepauw/node-zstd';
export const JAVA_DEFAULT_ZSTD_LEVEL = 3;

const require = createRequire(import.meta.url);

interface NodeZstd {
  Encoder: new (level: number) => { encodeSync(data: Buffer): Buffer };
  Decoder: new () => { decodeSync(data: Buffer): Buffer };
}

let outcome: { ok: true } | { ok: false; reason: string } | undefined;

/** platformatic hands a codec either a Buffer or its DynamicBuffer, whose `buffer` is the joined bytes. */
const bytesOf = (data: unknown): Buffer => (Buffer.isBuffer(data) ? data : (data as { buffer: Buffer }).buffer);

/**
 * Gives platformatic a zstd codec when it has none (once per process; every platformatic client of the process
 * then writes and reads zstd). Says why not when the package is missing.
 */
export function ensurePlatformaticZstd(): { ok: true } | { ok: false; reason: string } {
  if (outcome) return outcome;
  if ('zstdCompressSync' in zlib) return (outcome = { ok: true });
  let zstd: NodeZstd;
  try {
    zstd = require(NATIVE_ZSTD_PACKAGE) as NodeZstd;
  } catch (e) {
    return (outcome = {
      ok: false,
      reason: `its package ${NATIVE_ZSTD_PACKAGE} did not load (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run npm ci`,
    });
  }
  const encoder = new zstd.Encoder(JAVA_DEFAULT_ZSTD_LEVEL);
  const decoder = new zstd.Decoder();
  // The table's entries are declared readonly; the entry object is shared with the by-bitmask index (reading).
  const entry = compressionsAlgorithms.zstd as unknown as {
    compressSync(data: unknown): Buffer;
    decompressSync(data: unknown): Buffer;
    available: boolean;
  };
  entry.compressSync = (data) => encoder.encodeSync(bytesOf(data));
  entry.decompressSync = (data) => decoder.decodeSync(bytesOf(data));
  entry.available = true;
  return (outcome = { ok: true });
}
