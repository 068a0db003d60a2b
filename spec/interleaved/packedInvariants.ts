import { PCS } from './encoding';
import { unmarkedWithoutCaller } from './invariants';
import type { PackedInterleavedLayout } from './packedSteps';
import { ENTRY_ORDER, type InterleavedBounds, RecordStatus, SCHEDULE_ORDER } from './state';

/**
 * The interleaved invariants (invariants.ts) decided on encoded rows, so that the explorer builds objects only
 * for a state that breaks one (to word the message). Exactly the same decisions: packedSteps.test.ts compares
 * them with the object invariants on every successor of every state of its spaces.
 *
 * `broken(buf, pre, post, thread, step, co, ctx, rec, report)`: the rows of the state expanded and of the successor,
 * and the step between them as a `StepSink` hears it (step: the pc byte it was taken at).
 */
export type PackedBroken = (buf: Uint8Array, pre: number, post: number, thread: number, step: number, co: number, ctx: number, rec: number, report: number) => boolean;

export function packedInterleavedBroken(b: InterleavedBounds, L: PackedInterleavedLayout): PackedBroken {
  const X = b.contexts;
  const T = b.contexts + b.drivers;
  const C = b.coroutines;
  const READ_MARK = PCS.indexOf('read-mark');
  const CHECK_CALLER = PCS.indexOf('check-caller');
  const inWindow = PCS.map((pc) => unmarkedWithoutCaller(b, pc));
  const order: readonly string[] = SCHEDULE_ORDER[b.variant];
  const arming = PCS.map((pc) => order.indexOf(pc) > order.indexOf('publish'));
  const entering = PCS.map((pc) => (ENTRY_ORDER[b.variant] as readonly string[]).includes(pc));
  const thread = (src: number, t: number): number => src + L.threadsAt + t * L.threadWidth;

  return (buf, pre, post, t, step, co, _ctx, rec, report) => {
    // CO7: a BH reading the mark of a record no entry cancelled finds that record's mark.
    if (step === READ_MARK && t < X && buf[pre + L.recordsAt + 3 * rec + 2] !== RecordStatus.Dead && (buf[pre + 5 * co] as number) - 1 !== rec) return true;
    // CO8: a BH finding no caller while a driver's entry of the coroutine cleared the mark without setting it.
    if (step === CHECK_CALLER && t < X && report === 0) {
      for (let d = X; d < T; d++) {
        const th = thread(pre, d);
        if (buf[th + 1] === co + 1 && inWindow[buf[th] as number] === true) return true;
      }
    }
    // published-implies-armed, in the successor.
    for (let x = 0; x < X; x++) {
      const cx = post + L.contextsAt + x * L.contextWidth;
      if (buf[cx + 1] === 0 || buf[cx] !== 0) continue;
      let armer = false;
      for (let d = X; d < T && !armer; d++) {
        const th = thread(post, d);
        armer = buf[th + 2] === x + 1 && arming[buf[th] as number] === true;
      }
      if (!armer) return true;
    }
    // caller-is-entering, in the successor.
    for (let c = 0; c < C; c++) {
      const caller = (buf[post + 5 * c + 1] as number) - 1;
      if (caller < 0) continue;
      if (caller >= T) return true;
      const th = thread(post, caller);
      if (buf[th + 1] !== c + 1 || entering[buf[th] as number] !== true) return true;
    }
    return false;
  };
}
