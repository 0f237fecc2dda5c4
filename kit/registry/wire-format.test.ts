import { describe, expect, it } from 'vitest';
import { readWire, writeWire } from './wire-format.js';

describe('registry wire format', () => {
  it('reads back what it writes', () => {
    const r = readWire(writeWire(258, Buffer.from([1, 2, 3])));
    expect(r).toEqual({ ok: true, schemaId: 258, payload: Buffer.from([1, 2, 3]) });
  });
  it('says why a value is not in the wire format', () => {
    expect(readWire(Buffer.from('{"title":"x"}'))).toMatchObject({
      ok: false,
      reason: 'magic',
      firstBytes: '7b227469746c6522',
    });
    expect(readWire(Buffer.from([0, 0, 1]))).toMatchObject({ ok: false, reason: 'short' });
    expect(readWire(null)).toMatchObject({ ok: false, reason: 'empty' });
  });
});
