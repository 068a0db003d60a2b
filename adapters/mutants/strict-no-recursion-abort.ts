import { StrictScheduler, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-no-recursion-abort',
  kills: 'ST5',
  profile: 'strict',
  summary: 'Entering a running coroutine is reported as an error (recursive-entry) and refused, instead of aborting.',
};

/** "Co-routine re-entered recursively" printed, but no `abort()`. */
class NoRecursionAbort extends StrictScheduler {
  protected override checkEntry(co: Coroutine): ReturnType<StrictScheduler['checkEntry']> {
    if (co.status === 'running' && co.scheduled === null) return { kind: 'recursive-entry', message: `c${co.id} entered while it is running` };
    return super.checkEntry(co);
  }
  override aio_co_wake(co: Coroutine): void {
    if (co === this.self) return this.tracer.violation('recursive-entry', co.id, `c${co.id} woke itself while running`);
    super.aio_co_wake(co);
  }
}

export const adapter = mutantAdapter(info, NoRecursionAbort);
export default adapter;
