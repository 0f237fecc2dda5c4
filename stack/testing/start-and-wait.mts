// Test helper: starts a one-broker stack, prints its process ids and folder, then waits to be killed.
import { KafkaStack } from '../kafka-stack.js';

const stack = await new KafkaStack().withProvider('native').withToxiproxy().start();
process.stdout.write(JSON.stringify({ pids: stack.processIds(), dir: stack.workDir }) + '\n');
setInterval(() => undefined, 1 << 30);
