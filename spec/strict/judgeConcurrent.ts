import type { Event } from '../model/events';
import type { ConcurrentProgram } from '../interleaved/program';
import { type SearchOptions, searchTrace, type TraceSearch } from '../interleaved/traceSearch';
import type { ClauseId } from '../clauses/Clause';
import { STRICT_CLAUSES } from './registry';
import { isStrictFinal, strictBoundsOfProgram, strictInterleavedModel, whyStrictBoundsInvalid } from './interleaved/model';
import type { SState, StrictBounds, StrictVariant } from './interleaved/state';
import { type SLabel, strictStepEvents } from './interleaved/steps';

export type StrictConcurrentJudgement =
  /** Upstream's interleaved model produces the trace: `search.witness` is one order of steps that does. */
  | { readonly kind: 'conforms'; readonly bounds: StrictBounds; readonly search: Extract<TraceSearch<SLabel>, { kind: 'explained' }> }
  /** No order of upstream's steps produces it; `clause` says which clause it breaks (ST0 when no swapped order explains it). */
  | {
      readonly kind: 'violation';
      readonly clause: ClauseId;
      readonly message: string;
      /** The bounds and labels to print: a swapped order's witness, or the nearest interleaving of upstream's. */
      readonly bounds: StrictBounds;
      readonly steps: readonly SLabel[];
      readonly search: Extract<TraceSearch<SLabel>, { kind: 'unexplained' }>;
    }
  | { readonly kind: 'undecided'; readonly bounds: StrictBounds; readonly search: Extract<TraceSearch<SLabel>, { kind: 'gave-up' }> };

/** Searches `program`'s interleavings in one order of upstream's steps for `observed`. */
export function explainStrictTrace(program: ConcurrentProgram, observed: readonly Event[], variant: StrictVariant, o: SearchOptions<SState, SLabel> = {}): { bounds: StrictBounds; search: TraceSearch<SLabel> } {
  const b = strictBoundsOfProgram(program, variant);
  const why = whyStrictBoundsInvalid(b);
  if (why !== null) throw new Error(`the concurrent program cannot be checked: ${why}`);
  return { bounds: b, search: searchTrace({ model: strictInterleavedModel(b), isDone: (s) => isStrictFinal(b, s), events: (l, next) => strictStepEvents(b, l, next) }, observed, o) };
}

/**
 * Judges a trace observed while `program`'s threads ran concurrently (level 3), by profile strict: it conforms
 * when upstream's interleaved model can produce it (aborts included). Otherwise ST8 or ST9 claims it if their
 * swapped order produces it along an interleaving that breaks the clause's invariant; else ST0.
 */
export function judgeStrictConcurrent(program: ConcurrentProgram, observed: readonly Event[], o: Omit<SearchOptions<SState, SLabel>, 'mustBreak'> = {}): StrictConcurrentJudgement {
  const { bounds, search } = explainStrictTrace(program, observed, 'upstream', o);
  if (search.kind === 'explained') return { kind: 'conforms', bounds, search };
  if (search.kind === 'gave-up') return { kind: 'undecided', bounds, search };
  for (const clause of STRICT_CLAUSES) {
    if (clause.strictInvariant === undefined || clause.strictViolatedBy === undefined || clause.status !== 'active') continue;
    const swappedBounds = strictBoundsOfProgram(program, clause.strictViolatedBy);
    const swapped = explainStrictTrace(program, observed, clause.strictViolatedBy, { ...o, mustBreak: clause.strictInvariant(swappedBounds) });
    if (swapped.search.kind !== 'explained') continue;
    return { kind: 'violation', clause: clause.id, message: `the trace is what upstream's steps produce in the order ${clause.strictViolatedBy}, which breaks ${clause.id}: ${clause.statement}`, bounds: swapped.bounds, steps: swapped.search.witness, search };
  }
  return { kind: 'violation', clause: 'ST0', message: `no interleaving of upstream's atomic steps produces this trace: at most its first ${search.matched} events`, bounds, steps: search.nearest, search };
}
