import type { ContractNames } from '../model/contract.js';
import type * as model from '../model/exercise.js';
import type { SolutionLog } from '../model/result.js';
import type { Localized } from '../model/verdict.js';
import type { Rng } from '../core/rng.js';
import type { Solution } from '../runner/solution.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import type { ServiceName } from '../stack/stack-types.js';

export type { ContractDefaults, ContractNames } from '../model/contract.js';
export type { Judgement } from '../model/exercise.js';
export { maxScore } from '../model/exercise.js';

/** Everything a check may use while observing. */
export interface RunContext {
  exerciseId: string;
  runId: string;
  seed: number;
  rng: Rng;
  stack: StartedKafkaStack;
  solution: Solution;
  names: ContractNames;
  /**
   * Environment for the student's processes: the stack's endpoints and the contract's names. Read it at each
   * launch: its bootstrap list names the brokers that answer at that moment.
   */
  readonly solutionEnv: Record<string, string>;
  addLog(log: SolutionLog): void;
  /**
   * Fail fast: the solution showed no sign of the behaviour every later check builds on (never answered,
   * never joined, never produced). The checks that follow fail at once with this diagnosis instead of waiting
   * out their timeouts. Say only what was observed ("no request was answered in 30 s").
   */
  markDead(reason: Localized): void;
  /** Told how long a solution process took from launch to ready (the result's timing); absent in unit tests. */
  recordStart?(phase: string, ms: number): void;
  /** The diagnosis given to markDead, if any. */
  readonly dead?: Localized;
  /**
   * True while the grading's last check runs: nothing of this grading needs the brokers after it (teardown only
   * stops the solution), so a check that stopped brokers may leave their restart to the stack
   * (`stack.healInBackground()`), which the next user of the stack waits for. Absent in unit tests.
   */
  readonly lastCheck?: boolean;
}

/** A check observed through the engine's run context. */
export type CheckDefinition<P = unknown, O = unknown> = model.CheckDefinition<P, O, RunContext>;
/** An exercise graded through the engine's run context. */
export type ExerciseDefinition<P = unknown> = model.ExerciseDefinition<P, RunContext, ServiceName>;
