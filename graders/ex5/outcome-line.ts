/** The line produce-v2-required prints about its registration: `{"outcome":"refused","status":409,"compatibility":"BACKWARD"}`. */
export interface OutcomeLine {
  outcome?: string;
  status?: number;
  compatibility?: string;
}

/** The last JSON line naming an outcome, if any. */
export function outcomeLine(lines: string[]): OutcomeLine | undefined {
  let found: OutcomeLine | undefined;
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const o = JSON.parse(t) as { outcome?: unknown; status?: unknown; compatibility?: unknown };
      if (typeof o.outcome !== 'string') continue;
      const status =
        typeof o.status === 'number'
          ? o.status
          : typeof o.status === 'string' && /^\d+$/.test(o.status)
            ? Number(o.status)
            : undefined;
      found = {
        outcome: o.outcome,
        ...(status !== undefined ? { status } : {}),
        ...(typeof o.compatibility === 'string' ? { compatibility: o.compatibility.toUpperCase() } : {}),
      };
    } catch {
      // not a JSON line
    }
  }
  return found;
}
