import { delay } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { EX3_RULES } from '../contract.js';
import type { Ex3Prepared } from '../prepare.js';

export interface CriticalLatencyObs {
  floodSize: number;
  processingMs: number;
  /** Delay from the brokers' ack of each critical notification to the grader seeing its processing record (undefined: never). */
  criticalDelaysMs: (number | undefined)[];
  generalProcessed: number;
  boundMs: number;
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
    const critical = [];
    for (let i = 0; i < EX3_RULES.criticalCount; i++) {
      critical.push(...(await app.produce(['NEW_MESSAGE'])));
      await delay(EX3_RULES.criticalIntervalMs);
    }
    await app.waitProcessed(
      critical.map((c) => c.id),
      20_000,
    );
    await app.waitProcessed(
      flood.map((f) => f.id),
      90_000,
    );
    const processed = app.processed();
    const firstSeen = (id: string) => Math.min(...processed.filter((p) => p.id === id).map((p) => p.seenAtMs));
    const seen = app.processedIds();
    return {
      floodSize: EX3_RULES.floodSize,
      processingMs: EX3_RULES.processingMs,
      criticalDelaysMs: critical.map((c) => (seen.has(c.id) ? Math.max(0, firstSeen(c.id) - c.ackedAtMs) : undefined)),
      generalProcessed: flood.filter((f) => seen.has(f.id)).length,
      boundMs: EX3_RULES.criticalP95BoundMs,
    };
  },
  judge: judgeCriticalLatency,
};
