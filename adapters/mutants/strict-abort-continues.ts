import { StrictScheduler } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-abort-continues',
  kills: 'ST7',
  profile: 'strict',
  summary: 'Reports the abort, then refuses only the offending call and goes on: the BH delivers the rest of its batch, the coroutine runs on.',
};

/** An `abort()` that returns. */
class AbortContinues extends StrictScheduler {
  protected override stop(): void {}
}

export const adapter = mutantAdapter(info, AbortContinues);
export default adapter;
