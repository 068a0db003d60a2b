import type { DriverOp, Event, SessionConfig } from '../../spec';
import type { Child, Fault } from './child';
import type { ChildMessage } from './schema';

/**
 * One session as separate requests written at once — `open`, one `apply` per operation, `close` — and read
 * back in order, each reply within `ms` of the previous (`Child.requestMany`). The replies say how far the
 * child got, so a hang is pinned to its operation (or to `open`) by the one wait that found it: nothing is
 * replayed, and a session is never charged more than the per-operation limit for each operation it reached.
 * Returns each operation's events; from a fault on, every operation's only event is that fault.
 */
export async function runPipelined(c: Child, ids: () => number, config: SessionConfig, ops: readonly DriverOp[], ms: number, faultEvent: (f: Fault) => Event): Promise<readonly (readonly Event[])[]> {
  const openId = ids();
  const applyIds = ops.map(() => ids());
  const closeId = ids();
  const requests = [
    { type: 'open', id: openId, config: { contexts: config.contexts, coroutines: config.coroutines } },
    ...ops.map((op, i) => ({ type: 'apply', id: applyIds[i], ops: [op] })),
    { type: 'close', id: closeId },
  ];
  const names = requests.map((r) => `'${r.type}' #${r.id}`);
  const replies = await c.requestMany(requests, ms, (k) => names[k] ?? 'a request');
  const out: (readonly Event[])[] = [];
  let broken: Fault | null = null;
  const check = (k: number, want: ChildMessage['type']): ChildMessage | Fault => {
    const r = replies[k];
    if (r === undefined) return { kind: 'crash', message: `no reply to ${names[k] ?? 'a request'}` };
    if (!r.ok) return r.fault;
    const m = r.message;
    const id = requests[k]?.id;
    if (m.type === 'error') return { kind: 'crash', message: `the adapter reported an error for ${names[k]}: ${m.message}` };
    if (m.type === 'hello' || m.id !== id || m.type !== want) return { kind: 'protocol', message: `expected '${want}' #${id}, got '${m.type}'${m.type === 'hello' ? '' : ` #${m.id}`} (out of order or unknown id)` };
    return m;
  };
  const opened = check(0, 'opened');
  if ('kind' in opened) broken = opened;
  for (let i = 0; i < ops.length; i++) {
    if (broken === null) {
      const r = check(i + 1, 'applied');
      if ('kind' in r) broken = r;
      else if (r.type === 'applied' && r.events.length === 1) out.push(r.events[0] as readonly Event[]);
      else broken = { kind: 'protocol', message: `${names[i + 1]} was answered with ${r.type === 'applied' ? r.events.length : 0} event lists for 1 operation` };
    }
    if (broken !== null) out.push([faultEvent(broken)]);
  }
  if (broken === null) {
    const closed = check(ops.length + 1, 'closed');
    if ('kind' in closed && out.length > 0) out[out.length - 1] = [faultEvent(closed)];
    if ('kind' in closed) broken = closed;
  }
  if (broken !== null) c.fail(broken);
  return out;
}
