import type { Rng } from '../../core/rng.js';
import type { ToxicSpec } from '../../stack/stack-types.js';

/** The vocabulary of fault schedules: actions, their targets, timed steps (scenarios/faults/*.yaml compile to these). */

/** Which brokers a step acts on, resolved when the step runs (leadership moves during a scenario). */
export type Target =
  | { leaderOf: { topic: string; partition: number } }
  | { followersOf: { topic: string; partition: number }; count: number }
  | { broker: number }
  | 'all';

export type FaultAction =
  | { kind: 'toxic'; toxic: ToxicSpec; target: Target }
  | { kind: 'clear'; target: Target }
  | { kind: 'link-down' | 'link-up'; target: Target }
  /** Cut / restore the broker's replication link: its followers can no longer fetch from it. */
  | { kind: 'replication-down' | 'replication-up'; target: Target }
  | { kind: 'kill' | 'stop' | 'start' | 'pause' | 'resume'; target: Target }
  | { kind: 'heal' };

export interface ScenarioStep {
  /** Milliseconds after the scenario starts. */
  atMs: number;
  action: FaultAction;
}

/** A declarative, seeded fault schedule (scenarios/faults/*.yaml, compiled by fault-schedule-file.ts). */
export interface FaultScenario {
  name: string;
  description: string;
  /** Needs broker process control (not only Toxiproxy). */
  needsBrokerControl: boolean;
  steps(rng: Rng, on: { topic: string; partition: number }): ScenarioStep[];
}

/** What was injected when: the report draws it beside the workload. */
export interface TimelineEntry {
  atMs: number;
  action: string;
  brokers: number[];
  detail?: string;
}
