import { coName, ctxName } from './ids';
import type { Caller, State } from './state';

const callerToString = (c: Caller): string =>
  c.kind === 'co' ? coName(c.co) : c.kind === 'bh' ? `bh@${ctxName(c.ctx)}` : `driver@${ctxName(c.ctx)}`;

/**
 * One line per state, as counterexamples print it:
 * `c0 suspended pc=1 @x0 sched=x1#3 | x0 [] | x1 armed [c0#3]`.
 */
export function stateToString(s: State): string {
  const cos = s.coroutines.map((c, i) => {
    const parts = [coName(i), c.status, `pc=${c.pc}`];
    if (c.ctx !== null) parts.push(`@${ctxName(c.ctx)}`);
    if (c.scheduled !== null) parts.push(`sched=${ctxName(c.scheduled.ctx)}#${c.scheduled.seq}`);
    if (c.status === 'running') parts.push(`caller=${callerToString(c.caller)}`);
    return parts.join(' ');
  });
  const ctxs = s.contexts.map(
    (x, i) => `${ctxName(i)}${x.armed ? ' armed' : ''} [${x.list.map((r) => `${coName(r.co)}#${r.seq}`).join(', ')}]`,
  );
  const aborted = s.aborted === undefined ? [] : [`ABORTED (${s.aborted.kind}, ${coName(s.aborted.co)})`];
  return [...cos, ...ctxs, ...aborted].join(' | ');
}
