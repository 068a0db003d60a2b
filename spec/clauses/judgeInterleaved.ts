import type { ConcurrentProgram } from '../interleaved/program';
import { type Replay, type ReportedStep, replayInterleaved } from '../interleaved/replay';
import type { ClauseId } from './Clause';
import { LEVEL2_CLAUSES } from './registry';

export type InterleavedJudgement =
  | { readonly kind: 'conforms'; readonly replay: Replay }
  /** `at`: the index of the step where it broke (the step count when the run ended too early). */
  | { readonly kind: 'violation'; readonly clause: ClauseId; readonly message: string; readonly at: number; readonly replay: Replay };

/**
 * Judges a level-2 run (the adapter's own atomic steps, in the order the kit chose): it conforms when it
 * replays in the patch's order with the model's events; a run in a swapped order that breaks a level-2
 * clause's invariant violates that clause (CO7, CO8); any other departure from the model is CO0's.
 */
export function judgeInterleaved(program: ConcurrentProgram, reported: readonly ReportedStep[]): InterleavedJudgement {
  const replay = replayInterleaved(program, reported);
  switch (replay.kind) {
    case 'agrees':
      return { kind: 'conforms', replay };
    case 'broken': {
      const clause = LEVEL2_CLAUSES.find((c) => c.invariant?.(replay.bounds).name === replay.invariant);
      const id: ClauseId = clause?.id ?? 'CO0';
      return { kind: 'violation', clause: id, message: `${replay.message} (steps in the order ${replay.variant}; ${replay.invariant})`, at: replay.at, replay };
    }
    case 'diverged':
      return { kind: 'violation', clause: 'CO0', message: replay.message, at: replay.at, replay };
    default: {
      const never: never = replay;
      throw new Error(`unknown replay ${JSON.stringify(never)}`);
    }
  }
}
