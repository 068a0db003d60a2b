import type { Independence } from './reduction';

/**
 * What the explorer needs from a model: initial states, labelled successors, invariants and a compact
 * fixed-width byte encoding. Both the atomic model (level 1) and the interleaved model (level 2) implement it.
 */
export interface Transition<S, L> {
  readonly label: L;
  readonly next: S;
}

/**
 * A named property checked on every state the explorer reaches. `pre` and `label` are null for an initial
 * state, so transition properties (what a step's events may contain) and state properties share one shape.
 */
export interface Invariant<S, L> {
  readonly name: string;
  /** One sentence saying what the invariant protects. */
  readonly description: string;
  /** null when it holds, else what was broken. */
  readonly check: (post: S, pre: S | null, label: L | null) => string | null;
}

export interface ExplorableModel<S, L> {
  /** Bytes of one encoded state. */
  readonly width: number;
  initial(): readonly S[];
  /** Every enabled transition, in a fixed order (the order a trace is rebuilt with). */
  successors(s: S): readonly Transition<S, L>[];
  /** Writes the canonical encoding of `s` into `out[offset .. offset + width)`; equal states, equal bytes. */
  encode(s: S, out: Uint8Array, offset: number): void;
  decode(buf: Uint8Array, offset: number): S;
  readonly invariants: readonly Invariant<S, L>[];
  /**
   * Whether a state without successors is an expected end (every thread done). A state with no successors
   * that is not final is reported as the `deadlock` invariant.
   */
  isFinal(s: S): boolean;
  /**
   * Optional: the same successors computed on encoded rows, for speed. Given the explorer's buffer (which may
   * be replaced whenever `next()` makes room, hence a getter), it returns an expander that must agree with
   * `successors` exactly: the same successors in the same order, encoded as `encode` would.
   */
  readonly rows?: (buffer: () => Uint8Array) => RowExpander<L>;
  /**
   * Optional: which shared variables each thread's steps touch, for a partial-order reduction
   * (`reduction.ts`; the explorer uses it when asked to, with `{ reduction: 'por' }`).
   */
  readonly independence?: Independence<S, L>;
}

/** Successors on encoded rows (see `ExplorableModel.rows`). */
export interface RowExpander<L> {
  /**
   * For each successor of the row at `src`, in order: take a free row at `next()`, write the successor there,
   * then call `emit()`. Returns how many there were.
   */
  expand(src: number, next: () => number, emit: () => void): number;
  /** The label of the successor emitted last (asked only for states the explorer keeps). */
  label(): L;
  /** The thread of the successor emitted last, without making its label (for a reduction; else `threadOf(label())`). */
  thread?(): number;
  /**
   * Optional: whether an invariant may be broken at the successor just emitted (row at `post`, reached from the
   * row at `pre`). False must mean that every invariant holds there: the explorer then builds no objects for it.
   */
  mayBreak?(pre: number, post: number): boolean;
  /** `isFinal` of the state at `src`. */
  isFinal(src: number): boolean;
}

export interface ExploreBounds {
  /** Longest path explored; states first reached at this depth are not expanded. */
  readonly depth: number;
  /** Distinct states at most (memory bound). */
  readonly maxStates: number;
}

/** How the explorer searches: every successor of every state, or a partial-order reduction (`reduction.ts`). */
export type Reduction = 'none' | 'por';

export interface ExploreStats {
  readonly states: number;
  readonly transitions: number;
  /** Length of the longest shortest path from an initial state. */
  readonly depth: number;
  readonly ms: number;
}

/** One step of a counterexample; the first has a null label (an initial state). */
export interface TraceStep<S, L> {
  readonly label: L | null;
  readonly state: S;
}

export type ExploreResult<S, L> =
  /** The whole reachable space within the bounds was explored and every invariant held. */
  | ({ readonly kind: 'ok' } & ExploreStats)
  /** A shortest path to a state breaking `invariant` (breadth-first: no shorter one exists). */
  | ({ readonly kind: 'violation'; readonly invariant: string; readonly message: string; readonly trace: readonly TraceStep<S, L>[] } & ExploreStats)
  /** No violation in what was explored, but a bound cut the search short. */
  | ({ readonly kind: 'bound-reached'; readonly bound: 'depth' | 'states' } & ExploreStats);

export const DEADLOCK = 'deadlock';
