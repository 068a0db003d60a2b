import { Scheduler, type Coroutine, type Violation } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'no-recursion-check',
  kills: 'CO6',
  summary: 'Entering a running coroutine is not refused ("Co-routine re-entered recursively" is missing).',
};

/**
 * Without `if (to->caller) abort()`. QEMU would switch onto a stack in use; a JS generator cannot be
 * re-entered, so this one records the entry and returns to the caller without running anything.
 */
class NoRecursionCheck extends Scheduler {
  protected override refuseEntry(co: Coroutine, v: Violation): void {
    if (v.kind !== 'recursive-entry' || co.ctx === null) return super.refuseEntry(co, v);
    this.tracer.entered(co.id, co.ctx.id, 'direct');
  }
}

export const adapter = mutantAdapter(info, NoRecursionCheck);
export default adapter;
