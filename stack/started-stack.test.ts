import { describe, expect, it } from 'vitest';
import { StartedKafkaStack, type BrokerControl } from './started-stack.js';

function broker(id: number, state: { running: boolean; paused?: boolean }): BrokerControl {
  const nothing = async () => undefined;
  return {
    id,
    endpoint: { id, proxied: `127.0.0.1:${9000 + id}`, direct: `127.0.0.1:${9100 + id}` },
    get running() {
      return state.running;
    },
    get paused() {
      return state.paused ?? false;
    },
    stop: nothing,
    kill: nothing,
    pause: nothing,
    resume: nothing,
    start: nothing,
  };
}

function stackOf(states: { running: boolean; paused?: boolean }[]): StartedKafkaStack {
  return new StartedKafkaStack({
    provider: 'native',
    spec: { brokers: states.length, toxiproxy: true, services: [] } as never,
    brokers: states.map((s, i) => broker(i + 1, s)),
    services: {},
    control: { faults: true, brokers: true },
    startMs: 0,
    stop: async () => undefined,
  });
}

describe('the bootstrap list a solution is given', () => {
  it('names every broker when all answer', () => {
    const stack = stackOf([{ running: true }, { running: true }, { running: true }]);
    expect(stack.solutionEnv('answering').KAFKA_BOOTSTRAP_SERVERS).toBe('127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003');
  });

  it('leaves out the stopped and frozen brokers for a launch, keeps them all for the sandbox and `stack up`', () => {
    const stack = stackOf([{ running: false }, { running: true, paused: true }, { running: true }]);
    const env = stack.solutionEnv('answering');
    expect(env.KAFKA_BOOTSTRAP_SERVERS).toBe('127.0.0.1:9003');
    expect(env.SPRING_KAFKA_BOOTSTRAP_SERVERS).toBe('127.0.0.1:9003');
    expect(stack.solutionEnv().KAFKA_BOOTSTRAP_SERVERS).toBe('127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003');
  });

  it('names every broker when none answers (the solution then fails as it would anyway)', () => {
    const stack = stackOf([{ running: false }, { running: false }]);
    expect(stack.answeringBootstrapServers).toBe('127.0.0.1:9001,127.0.0.1:9002');
  });
});
