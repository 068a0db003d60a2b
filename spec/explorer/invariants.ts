import type { Event } from '../model/events';
import { isLive } from '../model/state';
import type { AtomicLabel, AtomicNode } from './atomicModel';
import type { Invariant } from './types';

type AtomicInvariant = Invariant<AtomicNode, AtomicLabel>;

/** Between driver operations nothing runs: every entry ran its coroutine to a yield or to its end. */
export const noneRunningBetweenOps: AtomicInvariant = {
  name: 'none-running-between-ops',
  description: 'after every driver operation no coroutine is running',
  check: ({ state }) => {
    const i = state.coroutines.findIndex((c) => c.status === 'running');
    return i < 0 ? null : `c${i} is still running after the operation`;
  },
};

/** At most one live record per coroutine, across every context's list (`co->scheduled` names one). */
export const oneLiveRecord: AtomicInvariant = {
  name: 'one-live-record',
  description: 'each coroutine has at most one live schedule record on all lists together',
  check: ({ state }) => {
    const live = new Map<number, number>();
    for (const x of state.contexts) for (const r of x.list) if (isLive(state, r)) live.set(r.co, (live.get(r.co) ?? 0) + 1);
    for (const [c, n] of live) if (n > 1) return `c${c} has ${n} live records`;
    return null;
  },
};

/**
 * A live mark is backed by its record on that context's list: the BH will reach it. A terminated
 * coroutine is exempt: one that scheduled itself and then ended keeps its mark after the BH's refused entry
 * (a refused call changes nothing), and no operation can observe it (each is refused as entry after
 * termination first).
 */
export const markHasRecord: AtomicInvariant = {
  name: 'mark-has-record',
  description: "a coroutine that can still run and is scheduled for x has its record on x's list",
  check: ({ state }) => {
    for (const [i, c] of state.coroutines.entries()) {
      const m = c.scheduled;
      if (m !== null && c.status !== 'terminated' && !(state.contexts[m.ctx]?.list.some((r) => r.seq === m.seq && r.co === i) ?? false)) return `c${i} is scheduled for x${m.ctx} (#${m.seq}) but its record is not on the list`;
    }
    return null;
  },
};

/** No lost wake-up (the model's liveness duty): a context with records has its BH armed, and only then. */
export const armedIffNonEmpty: AtomicInvariant = {
  name: 'armed-iff-nonempty',
  description: "a context's BH is armed exactly when its list is not empty (a live record never waits on an unarmed BH)",
  check: ({ state }) => {
    for (const [x, ctx] of state.contexts.entries()) if (ctx.armed !== ctx.list.length > 0) return `x${x} is ${ctx.armed ? '' : 'not '}armed with ${ctx.list.length} records`;
    return null;
  },
};

/** Replays a step's events: entered/yielded/terminated must alternate properly per coroutine (CO2, CO6). */
function entryFault(pre: AtomicNode, events: readonly Event[]): string | null {
  const status = pre.state.coroutines.map((c) => c.status);
  for (const e of events) {
    if (e.ev === 'entered') {
      if (status[e.co] === 'terminated') return `c${e.co} entered after it terminated`;
      if (status[e.co] === 'running') return `c${e.co} entered while running`;
      status[e.co] = 'running';
    } else if (e.ev === 'yielded' || e.ev === 'terminated') status[e.co] = e.ev === 'yielded' ? 'suspended' : 'terminated';
  }
  return null;
}

/** CO2 and CO6 as properties of the spec's own steps. */
export const noBadEntry: AtomicInvariant = {
  name: 'no-bad-entry',
  description: 'CO2/CO6: no step enters a terminated coroutine or a running one',
  check: (_post, pre, label) => (pre === null || label === null ? null : entryFault(pre, label.events)),
};

/** CO1 and CO9: every BH entry is the delivery of a record that was on the list the BH took. */
export const bhEntersOnlyLive: AtomicInvariant = {
  name: 'bh-enters-only-live',
  description: 'CO1/CO9: a BH enters a coroutine only for a record it took whose mark was still that record (never cancelled or stale)',
  check: (_post, pre, label) => {
    if (pre === null || label === null || label.op.op !== 'poll') return null;
    const taken = pre.state.contexts[label.op.ctx]?.list ?? [];
    for (const [i, e] of label.events.entries()) {
      if (e.ev !== 'entered' || e.by !== 'bh') continue;
      const delivered = label.walk.some((w) => w.at === i && w.outcome === 'delivered' && w.record.co === e.co && taken.some((r) => r.seq === w.record.seq));
      if (!delivered) return `the BH of x${e.ctx} entered c${e.co} for no live record it took`;
    }
    return null;
  },
};

/** CO3 and CO4: a poll visits every record it took, once each, oldest first. */
export const pollVisitsAllInOrder: AtomicInvariant = {
  name: 'poll-visits-all-in-order',
  description: 'CO3/CO4: a poll visits each record of the list it took exactly once, in the order they were scheduled',
  check: (_post, pre, label) => {
    if (pre === null || label === null || label.op.op !== 'poll') return null;
    const ctx = pre.state.contexts[label.op.ctx];
    if (ctx === undefined || !ctx.armed) return null;
    const visited = label.walk.map((w) => w.record.seq);
    const taken = ctx.list.map((r) => r.seq);
    if (visited.length !== taken.length || visited.some((s, i) => s !== taken[i] || (i > 0 && s < (visited[i - 1] as number)))) return `x${label.op.ctx} took [${taken.join(', ')}] but visited [${visited.join(', ')}]`;
    return null;
  },
};

/** The invariants checked on every state of the atomic model, in the order they are reported. */
export const ATOMIC_INVARIANTS: readonly AtomicInvariant[] = [
  noneRunningBetweenOps,
  oneLiveRecord,
  markHasRecord,
  armedIffNonEmpty,
  noBadEntry,
  bhEntersOnlyLive,
  pollVisitsAllInOrder,
];
