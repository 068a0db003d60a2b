import type { ConcurrentProgram, DriverOp, Event, SessionConfig } from '../../spec';
import type { InterleavedRunStep } from '../../adapters/contract';
import type { TimeLimits } from './timeLimits';

/** How the adapter answered one operation. */
export type StepReply =
  | { readonly outcome: 'completed'; readonly events: readonly Event[] }
  /**
   * `ms` is the limit that ran out; `reported` is set when the adapter itself reported the timeout; `stage`
   * `open` when it was `open()` that did not return (no operation was reached).
   */
  | { readonly outcome: 'timeout'; readonly ms: number; readonly reported?: string; readonly stage?: 'open' }
  | { readonly outcome: 'crash'; readonly message: string };

/**
 * The replies to a run's operations, in order, ending early at the first that did not complete; or the
 * adapter is unusable (malformed module, session or events), which stops a certification with exit 2.
 */
export type RunReply =
  | { readonly kind: 'replies'; readonly replies: readonly StepReply[] }
  | { readonly kind: 'malformed'; readonly problem: string };

/** One step of a level-2 run: the threads that could move, the one chosen, and what its step reported. */
export type InterleavedStep = InterleavedRunStep;

/**
 * A level-2 run driven by a choice sequence: at step i the kit picks `runnable[choices[i] % runnable.length]`
 * (the first runnable thread once the choices run out). `outcome` says how it ended: every thread done
 * (`completed`), the step limit reached (a livelock), or the adapter hung or crashed at the next step.
 */
export type InterleavedReply =
  | { readonly kind: 'steps'; readonly steps: readonly InterleavedStep[]; readonly outcome: 'completed' | 'step-limit' }
  | { readonly kind: 'steps'; readonly steps: readonly InterleavedStep[]; readonly outcome: 'timeout' | 'crash'; readonly message: string }
  | { readonly kind: 'malformed'; readonly problem: string };

/** A level-3 run: every event observed, or the adapter hung or crashed, or answered out of contract. */
export type ConcurrentReply =
  | { readonly kind: 'events'; readonly events: readonly Event[] }
  | { readonly kind: 'fault'; readonly outcome: 'timeout' | 'crash'; readonly message: string }
  | { readonly kind: 'malformed'; readonly problem: string };

/** Drives an adapter: one session per run. Implementations: `WorkerHost`, `InProcessHost`. */
export interface Host {
  /** Names the adapter in messages. */
  readonly label: string;
  /** The level-1 time limits: runs use `limits.mode` (a suspicion, or a confirmation run). */
  readonly limits: TimeLimits;
  run(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply>;
  /** Level 2: one run of `program` under the given choices, at most `maxSteps` steps. */
  runInterleaved?(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedReply>;
  /** Level 3: one run of `program` on the adapter's threads, within `runTimeoutMs`. */
  runConcurrent?(program: ConcurrentProgram, seed: number, runTimeoutMs: number): Promise<ConcurrentReply>;
  dispose(): Promise<void>;
}
