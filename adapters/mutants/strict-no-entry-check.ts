import { StrictScheduler, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-no-entry-check',
  kills: 'ST1',
  profile: 'strict',
  summary: "Upstream's entry without 6133b39f's `if (scheduled) abort()`: a coroutine with a pending schedule is entered directly (and the BH enters it again later).",
};

/** `qemu_aio_coroutine_enter` does not read `to->scheduled`. */
class NoEntryCheck extends StrictScheduler {
  protected override markSeenByEntry(_co: Coroutine): boolean {
    return false;
  }
}

export const adapter = mutantAdapter(info, NoEntryCheck);
export default adapter;
