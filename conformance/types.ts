import type { ClauseId, ConcurrentProgram, DriverOp, Event, Profile, SessionConfig } from '../spec';
import type { AdapterMeta } from '../adapters/contract';
import type { TourName } from './tour/tourSpace';
import type { SituationCount } from './arbitraries/reached';
import type { ShortestSearch } from './counterexample/shortest';

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
  /** The search for a shorter run of the same violation after shrinking, and whether it proved this one shortest. */
  readonly shortest?: ShortestSearch;
  /**
   * For a counterexample that ends in a hang: the suspicion limit that first stopped it (when known) and the
   * confirmation limit it hung through again before it became a verdict.
   */
  readonly hang?: { readonly suspectedMs?: number; readonly confirmedMs: number };
  /** Set when another clause's search (or the tour) met this run first: which one. */
  readonly foundBy?: string;
}

/** One atomic step of a level-2 or level-3 counterexample, as printed. */
export interface InterleavedStepRecord {
  /** `T0`, `bh@x1`. */
  readonly thread: string;
  /** The seed's step (`publish`, `read-mark`, …) with its operation: `T0 schedule(c0, x0) #0: publish`. */
  readonly step: string;
  readonly events: readonly Event[];
  /** The interleaved model's state after the step (`interleavedToString`). */
  readonly stateAfter: string;
  /** The step where the clause broke, or the trace left the model. */
  readonly diverged: boolean;
}

/**
 * A failing concurrent run (level 2: the kit chose every step; level 3: real threads). Level 2 replays
 * exactly from `schedule`; level 3 replays from the program and `seed` as far as the machine's timing allows.
 */
export interface InterleavedCounterexample {
  readonly level: 2 | 3;
  readonly kind: 'violation' | 'adapter-fault';
  readonly clause: ClauseId;
  readonly message: string;
  readonly program: ConcurrentProgram;
  /** Level 2: the thread chosen at each step (indices into `runnable()`), shrunk. */
  readonly schedule?: readonly number[];
  /** Every event the adapter reported, in its order. */
  readonly observed: readonly Event[];
  /** Step by step: the adapter's own steps (level 2) or a model interleaving (level 3). */
  readonly steps: readonly InterleavedStepRecord[];
  /**
   * What `steps` are: the adapter's own (level 2); an interleaving of the order the clause forbids that
   * produces the observed trace (level 3, CO7); or the patch interleaving nearest to it (level 3, CO0).
   */
  readonly stepsShow: 'adapter' | 'witness' | 'nearest';
  /** The trace check's search: (state, position) pairs visited and time. */
  readonly search?: { readonly states: number; readonly ms: number };
  readonly seed: number;
  readonly path: string;
  readonly replay: string;
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
  /** Level 1: how many of the random runs reached the clause's situation (measured with the spec). */
  readonly situation?: SituationCount;
  /** Level 2: every interleaving of the clause's smallest programs was run too (`complete`: none left out). */
  readonly exhaustive?: { readonly programs: number; readonly runs: number; readonly complete: boolean };
  /** A level-2 or level-3 counterexample (CO7, CO8, or CO0 judged on concurrent runs). */
  readonly interleaving?: InterleavedCounterexample;
  /** For `error` and `unsupported`: what went wrong, naming the fault. */
  readonly error?: string;
  /**
   * Runs of this clause's search that another clause's predicate claimed (or that hung where another clause
   * explains the hang): not this clause's failure, so they were set aside and the search went on. Per clause.
   */
  readonly discarded?: { readonly runs: number; readonly byClause: Readonly<Partial<Record<ClauseId, number>>> };
  /**
   * The evidence behind an `error` for a nondeterministic adapter: the same operations run twice gave
   * different events (or one run hung and the other did not). Both runs, step by step, side by side.
   */
  readonly nondeterminism?: { readonly first: readonly StepRecord[]; readonly second: readonly StepRecord[] };
}

export interface CertifyOptions {
  /** `reference`, a mutant name, or a path to a module exporting an adapter. */
  readonly adapter: string;
  readonly runsPerClause: number;
  readonly seed: number;
  readonly opTimeoutMs: number;
  /** The confirmation limit of a suspected hang (default `confirmLimitFor(opTimeoutMs)`: ten times it, ≥ 2.5 s). */
  readonly confirmTimeoutMs?: number;
  /** fast-check's replay path of one recorded case (with a single clause). */
  readonly path?: string;
  /**
   * Run the transition tour of the bounded spec (default: when no clause or path restricts the run);
   * a tour's name runs that tour (`deep` for release certifications; true is `default`).
   */
  readonly tour?: boolean | TourName;
  /** Restrict to these clauses (default: all active clauses of the adapter's levels). */
  readonly clauses?: readonly ClauseId[];
  /** Run level 3 (default: when the adapter claims it and no clause or path restricts the run). */
  readonly level3?: boolean;
  /** Level 3's budget: concurrent runs at most, and seconds at most. */
  readonly level3Runs?: number;
  readonly level3Seconds?: number;
  /** Judge by this profile instead of the one the adapter's meta declares (`cokit classify` does). */
  readonly profile?: Profile;
}

export type ProgressEvent =
  | { readonly kind: 'clause-start'; readonly clause: ClauseId; readonly runs: number }
  | { readonly kind: 'run'; readonly clause: ClauseId; readonly done: number; readonly runs: number; readonly discarded?: number }
  /** A failing run is being shrunk (`candidates` tried so far), or a suspected hang confirmed (`limitMs`). */
  | { readonly kind: 'shrink'; readonly clause: ClauseId; readonly candidates: number }
  | { readonly kind: 'confirm'; readonly clause: ClauseId; readonly limitMs: number }
  | { readonly kind: 'tour-start'; readonly legs: number }
  | { readonly kind: 'tour-leg'; readonly done: number; readonly legs: number }
  | { readonly kind: 'clause-end'; readonly result: ClauseResult }
  | { readonly kind: 'level3-start'; readonly runs: number }
  | { readonly kind: 'level3-run'; readonly done: number; readonly runs: number };

/** A fraction of a finite set: `covered` of `total`. */
export interface Fraction {
  readonly covered: number;
  readonly total: number;
}

/** One bounded space of the tour and how much of it the adapter went through in agreement with the spec. */
export interface SpaceCoverage {
  /** What the fractions are of, in words: the programs (length and alphabet) and the session's bounds. */
  readonly space: string;
  readonly states: Fraction;
  readonly transitions: Fraction;
  /** Scenarios run for this space. */
  readonly legs: number;
}

/**
 * How much of the bounded level-1 spec the transition tour exercised in agreement with the spec: each
 * space (`spaces`, named by its bounds and alphabet), and their sums.
 */
export interface Coverage {
  /** Which tour ran: `default`, `deep` (release certifications) or `yields` (the yield-only baseline). */
  readonly tour: string;
  readonly spaces: readonly SpaceCoverage[];
  readonly states: Fraction;
  readonly transitions: Fraction;
  /** Scenarios the tour ran. */
  readonly legs: number;
  readonly timeMs: number;
  /** The adapter crashed or hung on the tour: the coverage stops there and the verdict is at best `error`. */
  readonly fault?: string;
}

/** Level 3: concurrent programs run on the adapter's real threads, each trace checked against the interleaved model. */
export interface Level3Result {
  readonly verdict: 'pass' | 'fail' | 'error';
  readonly runs: number;
  /** Distinct observed traces (how much the machine's timing varied the runs). */
  readonly distinctTraces: number;
  /** Runs whose check hit the search limit (reported, never counted as passes). */
  readonly undecided: number;
  /** The trace checks' search: total and largest (state, position) pairs, total and longest time. */
  readonly search: { readonly states: number; readonly maxStates: number; readonly ms: number; readonly maxMs: number };
  readonly timeMs: number;
  readonly seed: number;
  readonly counterexample?: InterleavedCounterexample;
  /** For `error`: what went wrong, naming the fault. */
  readonly error?: string;
}

export interface CertificationResult {
  readonly kit: { readonly name: string; readonly version: string };
  /** sha256 of the spec's sources, so a report names the spec it was judged by. */
  readonly specHash: string;
  readonly adapter: AdapterMeta;
  /** What the user named: `reference`, a mutant, a module path, or (`adapterKind` 'cmd') a command line. */
  readonly adapterRef: string;
  /** How `adapterRef` names the adapter: a module, a `--cmd` command line, or an object given in code. */
  readonly adapterKind: 'module' | 'cmd' | 'object';
  readonly options: CertifyOptions;
  /** The profile the adapter was judged by: its meta's, unless `options.profile` chose another. */
  readonly profile: Profile;
  readonly clauses: readonly ClauseResult[];
  /** The transition tour's coverage (absent when the run was restricted to some clauses or a replay path). */
  readonly coverage?: Coverage;
  /** Level 3 (absent when the adapter does not claim it or the run was restricted). */
  readonly level3?: Level3Result;
  /** `conforms`: every clause passed; `fails`: some clause failed; `error`: no failure but some error. */
  readonly verdict: 'conforms' | 'fails' | 'error';
  readonly durationMs: number;
}

/** Why an adapter could not be used at all (exit code 2). */
export interface UnusableAdapter {
  readonly kind: 'unusable';
  readonly problem: string;
}
