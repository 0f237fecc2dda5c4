// Test helper: in a fresh process, the first reader of the given topics is a TopicWatcher (no readToEnd ran
// before it). Connects to the cluster in KGRADE_BOOTSTRAP_SERVERS, waits until every topic shows `want`
// records (or 20 s), prints {topic: records seen} as one JSON line, and exits.
import { waitFor } from '../../../core/wait-for.js';
import { KafkaStack } from '../../../stack/kafka-stack.js';
import { TopicWatcher } from '../topic-watcher.js';

const [want, ...topics] = process.argv.slice(2);
const t0 = performance.now();
const step = (what: string) => process.stderr.write(`first-reader: ${what} at ${Math.round(performance.now() - t0)} ms\n`);
const stack = await new KafkaStack().withProvider('external').start();
step('connected');
const watchers = topics.map((t) => new TopicWatcher(stack, t));
await Promise.all(watchers.map((w) => w.start()));
step('watchers joined');
await waitFor(() => watchers.every((w) => w.records().length >= Number(want)), { timeoutMs: 20_000, what: 'every record' }).catch(() => undefined);
step('records read');
const seen = Object.fromEntries(watchers.map((w) => [w.topic, (() => { try { return w.records().length; } catch (e) { return (e as Error).message; } })()]));
process.stdout.write(JSON.stringify(seen) + '\n');
await Promise.all(watchers.map((w) => w.stop()));
await stack.stop();
process.exit(0);
