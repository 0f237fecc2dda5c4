import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX3_RULES } from '../contract.js';
import type { InputRecord } from '../consumer-app.js';
import type { Ex3Prepared } from '../prepare.js';

export interface CriticalLatencyObs {
  floodSize: number;
  processingMs: number;
  /** Delay from the brokers' ack of each critical notification to the grader seeing its processing record (undefined: never). */
  criticalDelaysMs: (number | undefined)[];
  generalProcessed: number;
  boundMs: number;
  /**
   * Set when the grader stopped waiting for the critical notifications before its 20 s: so many were already later
   * than the bound (processed late, or not yet processed that long after their ack) that the p95 could no longer
   * come under it, whatever came next. How long after the first critical notification's ack it stopped.
   */
  settledAfterMs?: number;
}

/** The p95 index's rank from the top: this many values above the bound put the p95 above it. Pure. */
export function lateCountForP95(n: number): number {
  return n - (Math.ceil(0.95 * n) - 1);
}

/**
 * Whether critical-latency's verdict is already known to be a fail while some critical notifications are still
 * unprocessed: enough of them are later than the bound (a processed one by its delay, an unprocessed one by its age
 * since the ack, which only grows) that the p95 is above the bound whatever happens next. Waiting the rest of the
 * 20 s would change the figures, never the verdict. Pure.
 */
export function p95SettledAboveBound(
  critical: { id: string; ackedAtMs: number }[],
  firstSeenAtMs: (id: string) => number | undefined,
  nowMs: number,
  boundMs: number,
): boolean {
  const late = critical.filter((c) => (firstSeenAtMs(c.id) ?? nowMs) - c.ackedAtMs > boundMs).length;
  return late >= lateCountForP95(critical.length);
}

export function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

export function judgeCriticalLatency(o: CriticalLatencyObs): Judgement {
  const done = o.criticalDelaysMs.filter((d): d is number => d !== undefined);
  const never = o.criticalDelaysMs.length - done.length;
  const q = done.length ? p95(done) : undefined;
  const data = { ...o, p95Ms: q, neverProcessed: never };
  if (never > 0 && o.settledAfterMs !== undefined) {
    const s = (o.settledAfterMs / 1000).toFixed(1);
    return fail(
      {
        fr: `${never} notification(s) critique(s) sur ${o.criticalDelaysMs.length} toujours pas traitée(s) ${s} s après l'acquittement de la première, pendant le flot de ${o.floodSize} notifications générales : assez de critiques dépassaient déjà ${o.boundMs} ms pour que le p95 ne puisse plus passer sous cette borne (le correcteur a cessé d'attendre là).`,
        en: `${never} of ${o.criticalDelaysMs.length} critical notification(s) still not processed ${s} s after the first one's ack, during the flood of ${o.floodSize} general ones: enough critical ones were already later than ${o.boundMs} ms that the p95 could no longer come under that bound (the grader stopped waiting there).`,
      },
      data,
    );
  }
  if (never > 0) {
    return fail(
      {
        fr: `${never} notification(s) critique(s) sur ${o.criticalDelaysMs.length} jamais traitée(s) pendant le flot de ${o.floodSize} notifications générales.`,
        en: `${never} of ${o.criticalDelaysMs.length} critical notification(s) never processed during the flood of ${o.floodSize} general ones.`,
      },
      data,
    );
  }
  if (q! > o.boundMs) {
    return fail(
      {
        fr: `Pendant un flot de ${o.floodSize} notifications générales (${o.processingMs} ms de traitement chacune), les critiques ont attendu jusqu'à ${q} ms (p95) ; borne : ${o.boundMs} ms. Elles attendent derrière les likes : un consommateur dédié est nécessaire.`,
        en: `During a flood of ${o.floodSize} general notifications (${o.processingMs} ms of processing each), critical ones waited up to ${q} ms (p95); bound: ${o.boundMs} ms. They queue behind the likes: a dedicated consumer is needed.`,
      },
      data,
    );
  }
  if (o.generalProcessed < o.floodSize) {
    return fail(
      {
        fr: `Seules ${o.generalProcessed} des ${o.floodSize} notifications générales ont été traitées.`,
        en: `Only ${o.generalProcessed} of the ${o.floodSize} general notifications were processed.`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Critiques traitées en ${q} ms (p95) malgré le flot ; les ${o.floodSize} générales ont toutes été traitées.`,
      en: `Critical ones processed within ${q} ms (p95) despite the flood; all ${o.floodSize} general ones were processed.`,
    },
    data,
  );
}

export const criticalLatency: CheckDefinition<Ex3Prepared, CriticalLatencyObs> = {
  id: 'critical-latency',
  title: {
    fr: 'Les critiques passent avant le flot de likes',
    en: 'Critical notifications get through a flood of likes',
  },
  points: 2,
  hint: {
    fr: 'Exercice 3.3 : les notifications critiques exigent une action immédiate ; traitées par leur propre consommateur (partition réservée), elles ne font pas la queue derrière les likes.',
    en: 'Exercise 3.3: critical notifications need immediate action; handled by their own consumer (reserved partition), they do not queue behind likes.',
  },
  async observe(ctx, prepared) {
    const { app } = prepared;
    await prepared.warmup();
    const flood = await app.produce(
      Array.from({ length: EX3_RULES.floodSize }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
    );
    const critical: InputRecord[] = [];
    for (let i = 0; i < EX3_RULES.criticalCount; i++) {
      critical.push(...(await app.produce(['NEW_MESSAGE'])));
      await delay(EX3_RULES.criticalIntervalMs);
    }
    const seenAt = () => {
      const first = new Map<string, number>();
      for (const p of app.processed()) first.set(p.id, Math.min(first.get(p.id) ?? Infinity, p.seenAtMs));
      return first;
    };
    let settledAt: number | undefined;
    await app.waitProcessed(
      critical.map((c) => c.id),
      20_000,
      () => {
        const first = seenAt();
        const now = Date.now();
        if (!p95SettledAboveBound(critical, (id) => first.get(id), now, EX3_RULES.criticalP95BoundMs)) return false;
        settledAt = now;
        return true;
      },
    );
    await app.waitProcessed(
      flood.map((f) => f.id),
      90_000,
    );
    const first = seenAt();
    const firstAck = Math.min(...critical.map((c) => c.ackedAtMs));
    return {
      floodSize: EX3_RULES.floodSize,
      processingMs: EX3_RULES.processingMs,
      criticalDelaysMs: critical.map((c) => {
        const at = first.get(c.id);
        return at === undefined ? undefined : Math.max(0, at - c.ackedAtMs);
      }),
      generalProcessed: flood.filter((f) => first.has(f.id)).length,
      boundMs: EX3_RULES.criticalP95BoundMs,
      ...(settledAt !== undefined ? { settledAfterMs: settledAt - firstAck } : {}),
    };
  },
  judge: judgeCriticalLatency,
};
