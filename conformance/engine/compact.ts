import type { DriverOp, Instruction } from '../../spec';
import type { Scenario } from '../arbitraries';

/**
 * Remove what a scenario never uses: coroutines no operation or instruction names (besides their own
 * `create`), and contexts nothing names; the rest are renumbered in order. Such coroutines and contexts
 * cannot change any event, so a shrunk counterexample loses only noise; the caller re-runs it to confirm.
 */
export function compactScenario(s: Scenario): Scenario {
  const usedCo = new Set<number>();
  const usedCtx = new Set<number>();
  for (const op of s.ops) {
    if (op.op === 'create') {
      for (const i of op.program) {
        if (i.kind !== 'yield') usedCo.add(i.target);
        if (i.kind === 'schedule') usedCtx.add(i.ctx);
      }
      continue;
    }
    if (op.op === 'poll') usedCtx.add(op.ctx);
    else {
      usedCo.add(op.co);
      usedCtx.add(op.from);
      if (op.op === 'schedule') usedCtx.add(op.ctx);
    }
  }
  const coMap = new Map([...usedCo].sort((a, b) => a - b).map((c, i) => [c, i]));
  const ctxMap = new Map([...usedCtx].sort((a, b) => a - b).map((x, i) => [x, i]));
  if (coMap.size === 0 || ctxMap.size === 0) return s;
  const co = (c: number): number => coMap.get(c) as number;
  const ctx = (x: number): number => ctxMap.get(x) as number;
  const ins = (i: Instruction): Instruction =>
    i.kind === 'yield' ? i : i.kind === 'schedule' ? { kind: 'schedule', target: co(i.target), ctx: ctx(i.ctx) } : { kind: i.kind, target: co(i.target) };
  const creates = s.ops.filter((op): op is Extract<DriverOp, { op: 'create' }> => op.op === 'create' && coMap.has(op.co)).sort((a, b) => co(a.co) - co(b.co));
  const ops: DriverOp[] = [];
  for (const op of s.ops) {
    if (op.op === 'create') continue;
    if (op.op === 'poll') ops.push({ op: 'poll', ctx: ctx(op.ctx) });
    else if (op.op === 'enter') ops.push({ op: 'enter', co: co(op.co), from: ctx(op.from) });
    else ops.push({ op: 'schedule', co: co(op.co), ctx: ctx(op.ctx), from: ctx(op.from) });
  }
  return {
    config: { coroutines: coMap.size, contexts: ctxMap.size },
    ops: [...creates.map((c): DriverOp => ({ op: 'create', co: co(c.co), program: c.program.map(ins) })), ...ops],
  };
}
