import fs from 'node:fs';
import { KafkaStack } from '../stack/kafka-stack.js';
import type { ProviderName } from '../stack/stack-types.js';

export interface StackStartFigures {
  topology: string;
  runs: number;
  startMs: number[];
  medianStartMs: number;
  /** Resident memory of each broker JVM right after readiness, MiB (native only: 0 elsewhere). */
  medianBrokerRssMiB: number;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

/** Cold start of a stack (provisioning excluded: it is done before the first run), several runs. */
export async function benchStackStart(
  brokers: number,
  toxiproxy: boolean,
  runs: number,
  provider: ProviderName = 'native',
): Promise<StackStartFigures> {
  const builder = () =>
    new KafkaStack().withProvider(provider).withImages('offline').withBrokers(brokers).withToxiproxy(toxiproxy);
  await (await builder().start()).stop(); // provisions and warms the page cache; not counted
  const startMs: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const stack = await builder().start();
    startMs.push(stack.startMs);
    for (const b of stack.brokers) {
      if (b.pid) rss.push(rssMiB(b.pid));
    }
    await stack.stop();
  }
  return {
    topology: `${provider}: ${brokers} broker(s)${toxiproxy ? ' + Toxiproxy' : ''}`,
    runs,
    startMs,
    medianStartMs: median(startMs),
    medianBrokerRssMiB: rss.length ? median(rss) : 0,
  };
}
