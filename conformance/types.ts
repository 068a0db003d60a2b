import type { ClauseId, DriverOp, Event, SessionConfig } from '../spec';
import type { AdapterMeta } from '../adapters/contract';

/**
 * The results the engine returns and the reports print. `fail` is a spec violation with a counterexample;
 * `error` is an adapter that crashed, hung outside any clause's situation, or is malformed. Never merged.
 */
export type Verdict = 'pass' | 'fail' | 'error' | 'unsupported';

/** How an adapter's step ended. */
export type StepOutcome = 'completed' | 'timeout' | 'crash';

/** One step of a counterexample, as printed: the operation, both traces, and the spec state after it. */
export interface StepRecord {
  readonly index: number;
  readonly op: DriverOp;
  readonly expected: readonly Event[];
  readonly observed: readonly Event[];
  readonly outcome: StepOutcome;
  /** The spec state after the step (`stateToString`). */
  readonly stateAfter: string;
  /** Whether this is the step where the trace left the prediction (the last step of a counterexample). */
  readonly diverged: boolean;
  /** For a step that timed out or crashed: how (`timed out after 250 ms`, `crashed: apply() threw: …`). */
  readonly detail?: string;
}

/** A shrunk failing run: everything needed to read it and to replay it. */
export interface Counterexample {
  /** `violation`: the clause is broken. `adapter-fault`: the adapter hung or crashed (verdict `error`). */
  readonly kind: 'violation' | 'adapter-fault';
  readonly clause: ClauseId;
  /** The predicate's message, e.g. "the BH of x0 entered c0 for schedule #0, which a direct entry had cancelled". */
  readonly message: string;
  readonly config: SessionConfig;
  readonly ops: readonly DriverOp[];
  readonly steps: readonly StepRecord[];
  /** fast-check's seed and path of the shrunk run. */
  readonly seed: number;
  readonly path: string;
  /** The exact command line that replays it. */
  readonly replay: string;
  /** Runs before the first failure. */
  readonly runsBeforeFailure: number;
}

export interface ClauseResult {
  readonly clause: ClauseId;
  readonly slug: string;
  readonly statement: string;
  readonly verdict: Verdict;
  readonly runs: number;
  readonly timeMs: number;
  readonly seed: number;
  readonly counterexample?: Counterexample;
  /** For `error` and `unsupported`: what went wrong, naming the fault. */
  readonly error?: string;
}

export interface CertifyOptions {
  /** `reference`, a mutant name, or a path to a module exporting an adapter. */
  readonly adapter: string;
  readonly runsPerClause: number;
  readonly seed: number;
  readonly opTimeoutMs: number;
  /** fast-check's replay path of one recorded case (with a single clause). */
  readonly path?: string;
  /** Run the transition tour of the bounded spec (default: when no clause or path restricts the run). */
  readonly tour?: boolean;
  /** Restrict to these clauses (default: all active clauses of the adapter's levels). */
  readonly clauses?: readonly ClauseId[];
}

export type ProgressEvent =
  | { readonly kind: 'clause-start'; readonly clause: ClauseId; readonly runs: number }
  | { readonly kind: 'run'; readonly clause: ClauseId; readonly done: number; readonly runs: number }
  | { readonly kind: 'clause-end'; readonly result: ClauseResult };

/** How much of the bounded atomic spec the transition tour exercised in agreement with the spec. */
export interface Coverage {
  readonly bounds: { readonly coroutines: number; readonly contexts: number; readonly yields: number; readonly schedules: number };
  readonly states: { readonly covered: number; readonly total: number };
  readonly transitions: { readonly covered: number; readonly total: number };
  /** Scenarios the tour ran. */
  readonly legs: number;
  readonly timeMs: number;
  /** The adapter crashed or hung on the tour: the coverage stops there and the verdict is at best `error`. */
  readonly fault?: string;
}

export interface CertificationResult {
  readonly kit: { readonly name: string; readonly version: string };
  /** sha256 of the spec's sources, so a report names the spec it was judged by. */
  readonly specHash: string;
  readonly adapter: AdapterMeta;
  /** What the user named: `reference`, a mutant, or a module path. */
  readonly adapterRef: string;
  readonly options: CertifyOptions;
  readonly clauses: readonly ClauseResult[];
  /** The transition tour's coverage (absent when the run was restricted to some clauses or a replay path). */
  readonly coverage?: Coverage;
  /** `conforms`: every clause passed; `fails`: some clause failed; `error`: no failure but some error. */
  readonly verdict: 'conforms' | 'fails' | 'error';
  readonly durationMs: number;
}

/** Why an adapter could not be used at all (exit code 2). */
export interface UnusableAdapter {
  readonly kind: 'unusable';
  readonly problem: string;
}
