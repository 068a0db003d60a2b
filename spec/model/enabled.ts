import type { Program } from './program';
import type { DriverOp } from './ops';
import type { State } from './state';

/**
 * The enabling condition of each driver operation, as a reason it is not enabled (null when it is).
 * Coroutines are created first, in id order, with programs that name only coroutines and contexts of the
 * session; after that any `enter`, `schedule` or `poll` of existing ids may be issued. Caller-contract
 * violations (entering a running coroutine, …) are enabled: the spec predicts their `error` event.
 */
export function whyNotEnabled(state: State, op: DriverOp): string | null {
  const { contexts, coroutines } = state.config;
  const created = state.coroutines.length;
  const badCtx = (x: number): boolean => !Number.isInteger(x) || x < 0 || x >= contexts;
  const badCo = (c: number): boolean => !Number.isInteger(c) || c < 0 || c >= coroutines;
  switch (op.op) {
    case 'create':
      if (op.co !== created) return `create(c${op.co}) out of order: the next coroutine to create is c${created}`;
      if (badCo(op.co)) return `create(c${op.co}): the session has ${coroutines} coroutines`;
      return whyProgramInvalid(op.program, contexts, coroutines);
    case 'enter':
    case 'schedule':
    case 'poll': {
      if (created < coroutines) return `${op.op} before all ${coroutines} coroutines were created`;
      if (op.op !== 'poll' && badCo(op.co)) return `${op.op}: no coroutine c${op.co}`;
      if (op.op === 'poll' && badCtx(op.ctx)) return `poll: no context x${op.ctx}`;
      if (op.op === 'enter' && badCtx(op.from)) return `enter: no context x${op.from}`;
      if (op.op === 'schedule' && (badCtx(op.ctx) || badCtx(op.from))) return `schedule: no context x${op.ctx}/x${op.from}`;
      return null;
    }
    default: {
      const never: never = op;
      return `unknown driver op ${JSON.stringify(never)}`;
    }
  }
}

export const isEnabled = (state: State, op: DriverOp): boolean => whyNotEnabled(state, op) === null;

function whyProgramInvalid(program: Program, contexts: number, coroutines: number): string | null {
  for (const [i, ins] of program.entries()) {
    if (ins.kind === 'yield') continue;
    if (!Number.isInteger(ins.target) || ins.target < 0 || ins.target >= coroutines) {
      return `instruction ${i} (${ins.kind}) targets c${ins.target}, but the session has ${coroutines} coroutines`;
    }
    if (ins.kind === 'schedule' && (!Number.isInteger(ins.ctx) || ins.ctx < 0 || ins.ctx >= contexts)) {
      return `instruction ${i} schedules on x${ins.ctx}, but the session has ${contexts} contexts`;
    }
  }
  return null;
}
