/**
 * Kafka's non-flexible wire types (big-endian ints, int16-length strings, int32-count arrays), enough for the
 * grader's own observer requests (wire/*.ts). Pure: unit-tested with plain bytes.
 * Reference: the Kafka protocol guide, "Protocol Primitive Types".
 */
export class WireWriter {
  private parts: Buffer[] = [];

  private fixed(size: number, write: (b: Buffer) => void): this {
    const b = Buffer.alloc(size);
    write(b);
    this.parts.push(b);
    return this;
  }
  int8(v: number): this {
    return this.fixed(1, (b) => b.writeInt8(v));
  }
  int16(v: number): this {
    return this.fixed(2, (b) => b.writeInt16BE(v));
  }
  int32(v: number): this {
    return this.fixed(4, (b) => b.writeInt32BE(v));
  }
  int64(v: bigint): this {
    return this.fixed(8, (b) => b.writeBigInt64BE(v));
  }
  /** int16 length then UTF-8 bytes; null is length -1. */
  string(s: string | null): this {
    if (s === null) return this.int16(-1);
    const bytes = Buffer.from(s, 'utf8');
    this.int16(bytes.length);
    this.parts.push(bytes);
    return this;
  }
  /** int32 count then items; null is count -1 (for requests: "all"). */
  array<T>(items: T[] | null, write: (w: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }
  bytes(b: Buffer | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    this.parts.push(b);
    return this;
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export class WireReader {
  private o = 0;
  constructor(private readonly buf: Buffer) {}

  get offset(): number {
    return this.o;
  }
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
  int64(): bigint {
    const v = this.buf.readBigInt64BE(this.o);
    this.o += 8;
    return v;
  }
  boolean(): boolean {
    return this.int8() !== 0;
  }
  string(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    const s = this.buf.toString('utf8', this.o, this.o + len);
    this.o += len;
    return s;
  }
  /** An int32 count, -1 read as null. */
  array<T>(item: () => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
  bytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    const b = this.buf.subarray(this.o, this.o + len);
    this.o += len;
    return b;
  }
}

/** A request frame: size, header v1 (api key, version, correlation id, client id), body. */
export function requestFrame(apiKey: number, apiVersion: number, correlationId: number, clientId: string, body: Buffer): Buffer {
  const header = new WireWriter().int16(apiKey).int16(apiVersion).int32(correlationId).string(clientId).build();
  const size = new WireWriter().int32(header.length + body.length).build();
  return Buffer.concat([size, header, body]);
}
