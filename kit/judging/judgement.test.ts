import { describe, expect, it } from 'vitest';
import { deliveryChart, faultsChart, lagChart, latencyChart, partitionCountsChart } from './charts.js';
import { fail, pass, precondition, skipped } from './judgement.js';

describe('pass, fail, precondition', () => {
  it('keep each language in its place, the data as given, and charts only when some are asked for', () => {
    const said = { fr: 'Trois messages lus.', en: 'Three records read.' };
    expect(pass(said, { read: 3 })).toEqual({ status: 'pass', evidence: { summary: said, data: { read: 3 } } });
    expect(fail(said)).toEqual({ status: 'fail', evidence: { summary: said } });
    expect(fail(said, { read: 3 }, { charts: [] }).evidence).not.toHaveProperty('charts');
    const chart = partitionCountsChart('counts', [3, 0]);
    expect(fail(said, { counts: [3, 0] }, { charts: [chart], reason: 'why' })).toEqual({
      status: 'fail',
      reason: 'why',
      evidence: {
        summary: said,
        data: { counts: [3, 0] },
        charts: [{ kind: 'partition-counts', shows: ['counts'], counts: { 0: 3, 1: 0 } }],
      },
    });
  });

  it('precondition: "Not observed: <reason>", the English reason kept in the data beside the data given', () => {
    const j = precondition(
      { fr: 'aucune requête traitée en 30 s', en: 'no request answered in 30 s' },
      { waitedMs: 30000 },
    );
    expect(j).toEqual({
      status: 'fail',
      evidence: {
        summary: {
          fr: 'Non observé : aucune requête traitée en 30 s',
          en: 'Not observed: no request answered in 30 s',
        },
        data: { precondition: 'no request answered in 30 s', waitedMs: 30000 },
      },
    });
  });
});

describe('skipped', () => {
  it('"Skipped: <reason>." in each language, the English reason kept on the judgement, no data', () => {
    expect(skipped({ fr: 'pas de Toxiproxy sur cette pile', en: 'no Toxiproxy on this stack' })).toEqual({
      status: 'skipped',
      reason: 'no Toxiproxy on this stack',
      evidence: {
        summary: { fr: 'Ignoré : pas de Toxiproxy sur cette pile.', en: 'Skipped: no Toxiproxy on this stack.' },
      },
    });
  });
});

describe('chart specs', () => {
  it('carry their own numbers and the data fields they stand for', () => {
    expect(partitionCountsChart('unkeyedByPartition', { 2: 4, 0: 6 }, [])).toEqual({
      kind: 'partition-counts',
      shows: ['unkeyedByPartition'],
      counts: { 0: 6, 2: 4 },
    });
    expect(partitionCountsChart('counts', [1, 2], [1])).toMatchObject({ counts: { 0: 1, 1: 2 }, reserved: [1] });
    expect(latencyChart({ responseMs: 900, injectedMs: 800 }, ['latencyMs'])).toEqual({
      kind: 'latency',
      shows: ['latencyMs'],
      responseMs: 900,
      injectedMs: 800,
    });
    // The lag reached zero: the line ends at 0 when it did; otherwise at the lag left at the bound.
    expect(lagChart({ lagAtStart: 50, lagAtEnd: 0, zeroAfterMs: 1200, boundMs: 20000 }, [])).toMatchObject({
      lagAtEnd: 0,
      endMs: 1200,
    });
    expect(lagChart({ lagAtStart: 50, lagAtEnd: 7, boundMs: 20000 }, [])).toMatchObject({ lagAtEnd: 7, endMs: 20000 });
    expect(deliveryChart({ acked: 5 }, ['writes'])).toEqual({
      kind: 'delivery',
      shows: ['writes'],
      acked: 5,
      failed: 0,
      unknown: 0,
    });
    expect(faultsChart([], ['timeline'])).toEqual([]);
    expect(faultsChart([{ atMs: 1, action: 'kill', brokers: [1] }], ['timeline'])).toHaveLength(1);
  });
});
