import type { ConcurrentProgram } from '../../interleaved/program';
import { strictBoundsOfProgram } from './model';
import { initialStrict, type SState } from './state';
import { strictSuccessors } from './steps';

/** How one complete interleaving of a race ended. */
export type RaceOutcome = 'double-entry' | 'abort:already-scheduled' | 'abort:recursive-entry' | 'no-conflict';

/**
 * Every complete interleaving of `program`'s threads in profile strict's interleaved model (upstream's order),
 * counted by how it ended: some thread aborted (which check caught it), a coroutine was entered by two threads
 * at once and nobody aborted, or neither. Counts maximal paths (the graph of a fixed program is acyclic), with
 * memoisation per state and "entered twice so far".
 */
export function raceOutcomes(program: ConcurrentProgram): Readonly<Record<RaceOutcome, number>> {
  const b = strictBoundsOfProgram(program);
  const memo = new Map<string, Record<RaceOutcome, number>>();
  const zero = (): Record<RaceOutcome, number> => ({ 'double-entry': 0, 'abort:already-scheduled': 0, 'abort:recursive-entry': 0, 'no-conflict': 0 });
  const walk = (s: SState, doubled: boolean, last: string | null): Record<RaceOutcome, number> => {
    const twice = doubled || s.running.some((n) => n > 1);
    const key = `${JSON.stringify(s)}|${twice}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const out = zero();
    const succ = strictSuccessors(b, s);
    if (succ.length === 0) {
      const end: RaceOutcome = s.aborted >= 0 ? (last === 'recursive-entry' ? 'abort:recursive-entry' : 'abort:already-scheduled') : twice ? 'double-entry' : 'no-conflict';
      out[end] = 1;
    }
    for (const t of succ) {
      const sub = walk(t.next, twice, t.label.report);
      for (const k of Object.keys(out) as RaceOutcome[]) out[k] += sub[k];
    }
    memo.set(key, out);
    return out;
  };
  return walk(initialStrict(b), false, null);
}
