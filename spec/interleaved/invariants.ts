import type { Invariant } from '../explorer/types';
import { ENTRY_ORDER, type IState, type InterleavedBounds, RecordStatus, SCHEDULE_ORDER, threadName } from './state';
import type { ILabel } from './steps';

export type InterleavedInvariant = Invariant<IState, ILabel>;

/**
 * CO7 mark-before-publish, as a property of the BH's `read-mark` step: a BH reading the mark for a record
 * that no entry cancelled and no other schedule overwrote finds the mark naming its context. Otherwise the
 * BH skips the coroutine as if cancelled, and the schedule's wake-up is lost.
 */
export const co7Invariant = (b: InterleavedBounds): InterleavedInvariant => ({
  name: 'CO7 mark-before-publish',
  description: 'a BH that finds a schedule on its list (not cancelled, not refused) finds its mark set: no wake-up is lost',
  check: (_post, pre, label) => {
    if (pre === null || label === null || label.step !== 'read-mark') return null;
    if (pre.recStatus[label.rec] === RecordStatus.Dead || pre.mark[label.co] === label.rec) return null;
    const m = pre.mark[label.co] as number;
    return `${threadName(b, label.thread)} found c${label.co}'s schedule #${label.rec} on its list before that schedule set its mark (mark ${m < 0 ? 'unset' : `#${m}`}): it skips it, and once the mark is set no BH will deliver it`;
  },
});

/** Whether a thread at `pc` is inside an entry that has cleared the mark but not yet set the caller. */
export function unmarkedWithoutCaller(b: InterleavedBounds, pc: string): boolean {
  const order: readonly string[] = ENTRY_ORDER[b.variant];
  const i = order.indexOf(pc);
  return i >= 0 && order.indexOf('clear-mark') < i && i <= order.indexOf('set-caller');
}

/**
 * CO8 caller-before-unmark, as a property of a BH's `check-caller` step: when the BH finds no caller, no
 * direct entry of that coroutine has cleared the mark without having set the caller. Such an entry is under
 * way and will switch to the coroutine too: the BH would enter it a second time. (A schedule pending before
 * the direct entry began is the seed's first case, kept apart by the AioContext lock; this clause is its second
 * case, a schedule made after the entry cleared the mark.)
 */
export const co8Invariant = (b: InterleavedBounds): InterleavedInvariant => ({
  name: 'CO8 caller-before-unmark',
  description: 'a BH racing a direct entry either skips the coroutine or sees the caller set; it never enters it a second time',
  check: (_post, pre, label) => {
    if (pre === null || label === null || label.step !== 'check-caller' || label.thread >= b.contexts || label.report !== null) return null;
    const racer = pre.threads.findIndex((th, t) => t >= b.contexts && th.co === label.co && unmarkedWithoutCaller(b, th.pc));
    if (racer < 0) return null;
    return `${threadName(b, label.thread)} found no caller on c${label.co} while ${threadName(b, racer)}'s direct entry had cleared the mark but not yet set the caller: both will enter c${label.co}`;
  },
});

/** A published record is behind an armed BH, or the thread that published it is about to arm it. */
export const publishedImpliesArmed = (b: InterleavedBounds): InterleavedInvariant => ({
  name: 'published-implies-armed',
  description: "a context with records on its list has its BH armed, or a schedule on it is between publish and arm",
  check: (post) => {
    const order: readonly string[] = SCHEDULE_ORDER[b.variant];
    for (const [x, list] of post.lists.entries()) {
      if (list.length === 0 || post.armed[x]) continue;
      const arming = post.threads.some((th, t) => t >= b.contexts && th.ctx === x && order.indexOf(th.pc) > order.indexOf('publish'));
      if (!arming) return `x${x} has ${list.length} records and no armed BH`;
    }
    return null;
  },
});

/** The caller names a thread that is inside an entry of that coroutine (`co->caller` is never stale). */
export const callerIsEntering = (b: InterleavedBounds): InterleavedInvariant => ({
  name: 'caller-is-entering',
  description: "a coroutine's caller is a thread that is inside an entry of it",
  check: (post) => {
    for (const [c, t] of post.caller.entries()) {
      if (t < 0) continue;
      const th = post.threads[t];
      if (th === undefined || th.co !== c || !(ENTRY_ORDER[b.variant] as readonly string[]).includes(th.pc)) return `c${c}'s caller ${threadName(b, t)} is not entering it`;
    }
    return null;
  },
});

/** The invariants of the interleaved model, clauses first. */
export const interleavedInvariants = (b: InterleavedBounds): readonly InterleavedInvariant[] => [
  co7Invariant(b),
  co8Invariant(b),
  publishedImpliesArmed(b),
  callerIsEntering(b),
];
