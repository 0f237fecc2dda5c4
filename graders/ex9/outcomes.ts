import type { Write } from '../../kit/judging/history.js';

/** The produce role's outcome lines, as the history checker's writes (missing lines: unknown outcome). */
export function writesFromOutcomes(
  lines: string[],
  prefix: string,
  count: number,
): { writes: Write[]; unreadable: number } {
  const told = new Map<string, { outcome: 'acked' | 'failed'; partition?: number; offset?: number; at: number }>();
  let unreadable = 0;
  lines.forEach((line, at) => {
    if (!line.trim().startsWith('{')) return;
    try {
      const o = JSON.parse(line) as { id?: unknown; outcome?: unknown; partition?: unknown; offset?: unknown };
      if (typeof o.id !== 'string' || (o.outcome !== 'acked' && o.outcome !== 'failed')) {
        unreadable++;
        return;
      }
      const offset =
        typeof o.offset === 'number'
          ? o.offset
          : typeof o.offset === 'string' && /^\d+$/.test(o.offset)
            ? Number(o.offset)
            : undefined;
      told.set(o.id, {
        outcome: o.outcome,
        partition: typeof o.partition === 'number' ? o.partition : undefined,
        offset,
        at,
      });
    } catch {
      unreadable++;
    }
  });
  const writes: Write[] = Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${i}`;
    const t = told.get(id);
    return {
      id,
      key: `key-${i % 10}`,
      outcome: t?.outcome ?? 'unknown',
      seq: i,
      sentAtMs: i,
      ...(t?.partition !== undefined && t.offset !== undefined && t.outcome === 'acked'
        ? { ackPartition: t.partition, ackOffset: t.offset }
        : {}),
    };
  });
  return { writes, unreadable };
}
