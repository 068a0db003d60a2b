import type { ContextId, CoroutineId } from '../model/ids';
import type { Event } from '../model/events';
import type { DriverOp } from '../model/ops';
import type { State } from '../model/state';
import type { BhVisit } from '../model/step';
import type { Invariant } from '../explorer/types';
import type { IState, InterleavedBounds, Variant } from '../interleaved/state';
import type { ILabel } from '../interleaved/steps';
import type { SState, StrictBounds, StrictVariant } from '../strict/interleaved/state';
import type { SLabel } from '../strict/interleaved/steps';

/**
 * Stable clause ids: never renumbered; a retired clause keeps its id. `CO*` are profile `cancel`'s (CO7/CO8
 * level 2), `ST*` profile `strict`'s (ST8/ST9 level 2).
 */
export type ClauseId =
  | 'CO0' | 'CO1' | 'CO2' | 'CO3' | 'CO4' | 'CO5' | 'CO6' | 'CO7' | 'CO8' | 'CO9'
  | 'ST0' | 'ST1' | 'ST2' | 'ST3' | 'ST4' | 'ST5' | 'ST6' | 'ST7' | 'ST8' | 'ST9';

/**
 * The semantics a clause belongs to. `cancel` is the seed's (a direct entry cancels a pending schedule);
 * `strict` is upstream QEMU's since commit 6133b39f (QEMU 2.11): entering or scheduling a coroutine with a
 * pending schedule aborts.
 */
export type Profile = 'cancel' | 'strict';
export const PROFILES: readonly Profile[] = ['cancel', 'strict'];

/** Lines of upstream QEMU a `strict` clause comes from: the file and function, with the words that matter. */
export interface UpstreamCitation {
  /** e.g. `util/async.c` */
  readonly file: string;
  /** e.g. `aio_co_schedule` */
  readonly fn: string;
  /** Upstream's own code or words (abridged). */
  readonly quote: string;
}

/** Where a clause is observable: 1 atomic driver operations, 2 interleaved steps, 3 real threads. */
export type Level = 1 | 2 | 3;

/** Lines of the seed mail (the patch as posted to qemu-devel; SPEC.md says how they count) a clause comes from, with the words that matter. */
export interface SeedCitation {
  /** Inclusive 1-based line range in the seed file, e.g. `[29, 36]`. */
  readonly lines: readonly [number, number];
  /** The seed's own words (abridged), so a reader need not open the file. */
  readonly quote: string;
}

/**
 * The first point where an adapter's trace left the spec's prediction: the step's pre-state, its operation,
 * what the spec predicted (with the BH's walk over the list) and what was observed, up to the first differing
 * event `index`. `outcome` says whether the adapter finished the step, hung, or crashed.
 */
export interface Divergence {
  readonly pre: State;
  readonly op: DriverOp;
  readonly expected: readonly Event[];
  readonly walk: readonly BhVisit[];
  readonly observed: readonly Event[];
  readonly outcome: 'completed' | 'timeout' | 'crash';
  readonly index: number;
}

/**
 * A guarantee clause. Its predicate says whether a divergence is a violation of this clause (a message
 * saying what was broken) or not its concern (null). The spec's own predictions never diverge, so the
 * explorer checks the predicates' situations instead (see `invariants`).
 */
export interface Clause {
  readonly id: ClauseId;
  readonly slug: string;
  /** One line, present tense, as printed in reports. */
  readonly statement: string;
  readonly seed: readonly SeedCitation[];
  /** Profile `strict`: the upstream code (as of 6133b39f and since) the clause comes from. */
  readonly upstream?: readonly UpstreamCitation[];
  readonly level: Level;
  readonly profile: Profile;
  readonly status: 'active' | 'retired';
  /** The situation the generators steer towards, for readers and for the generated suites. */
  readonly situation: string;
  readonly predicate: (d: Divergence) => string | null;
  /**
   * Level-2 clauses: the property the interleaved model (`spec/interleaved`) must keep, as an explorer
   * invariant at the given bounds. Their level-1 `predicate` claims no divergence.
   */
  readonly invariant?: (b: InterleavedBounds) => Invariant<IState, ILabel>;
  /** Level-2 clauses: the swapped order of the seed's steps whose model must violate this clause. */
  readonly violatedBy?: Variant;
  /**
   * Profile `strict`'s level-2 clauses: the invariant of the strict interleaved model (`spec/strict/interleaved`)
   * and the swapped order of upstream's steps that violates it.
   */
  readonly strictInvariant?: (b: StrictBounds) => Invariant<SState, SLabel>;
  readonly strictViolatedBy?: StrictVariant;
}

/** `CO1 cancel-on-direct-entry`: how reports and badges name a clause. */
export const clauseTitle = (c: Pick<Clause, 'id' | 'slug'>): string => `${c.id} ${c.slug}`;

export type { ContextId, CoroutineId };
