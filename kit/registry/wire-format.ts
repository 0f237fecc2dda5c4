/** Confluent's wire format for a registry-encoded value: magic byte 0, the schema id (4 bytes, big-endian), the payload. */
export const WIRE_MAGIC = 0;
export const WIRE_HEADER_BYTES = 5;

export type WireRead =
  | { ok: true; schemaId: number; payload: Buffer }
  | { ok: false; reason: 'empty' | 'short' | 'magic'; firstBytes: string };

/** Reads a stored value's header; never throws on a student's bytes. */
export function readWire(value: Buffer | null): WireRead {
  if (!value || value.length === 0) return { ok: false, reason: 'empty', firstBytes: '' };
  const firstBytes = value.subarray(0, 8).toString('hex');
  if (value[0] !== WIRE_MAGIC) return { ok: false, reason: 'magic', firstBytes };
  if (value.length < WIRE_HEADER_BYTES) return { ok: false, reason: 'short', firstBytes };
  return { ok: true, schemaId: value.readInt32BE(1), payload: value.subarray(WIRE_HEADER_BYTES) };
}

export function writeWire(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(WIRE_HEADER_BYTES);
  header.writeUInt8(WIRE_MAGIC, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}
