import type { StartedKafkaStack } from '../../../stack/started-stack.js';

/**
 * Whether the brokers refuse an acks=all write to `topic` right now (NOT_ENOUGH_REPLICAS): the grader's own
 * single try on the direct listener, so a check observes the state it relies on instead of assuming it.
 */
export async function graderWriteRefused(stack: StartedKafkaStack, topic: string, partition = 0): Promise<boolean> {
  const producer = stack.observerProducer('kgrade-acks-all-control', { retry: { retries: 0 } });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      timeout: 5000,
      messages: [{ partition, value: 'kgrade control write (must be refused)' }],
    });
    return false;
  } catch (e) {
    return namesNotEnoughReplicas(e);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

function namesNotEnoughReplicas(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    const err = c as { type?: string; message?: string };
    if (err.type === 'NOT_ENOUGH_REPLICAS' || /fewer in-sync replicas/i.test(err.message ?? '')) return true;
  }
  return false;
}
