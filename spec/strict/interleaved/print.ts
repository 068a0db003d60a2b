import { type StrictBounds, strictThreadName } from './state';
import type { SLabel } from './steps';

/** `T0 schedule(c0, x0) #0: cas`, `bh@x0 enter(c0): read-mark → already-scheduled`. */
export function sLabelToString(b: StrictBounds, l: SLabel): string {
  const who = strictThreadName(b, l.thread);
  const report = l.report === null ? '' : ` → ${l.report}${l.report === 'entry-after-termination' ? '' : ' (abort)'}`;
  switch (l.step) {
    case 'take':
      return `${who} take the list of x${l.ctx}`;
    case 'start-schedule':
      return `${who} begins schedule(c${l.co}, x${l.ctx}) #${l.rec}`;
    case 'start-enter':
      return `${who} begins enter(c${l.co})`;
    case 'cas':
    case 'read':
    case 'set':
    case 'publish':
    case 'arm':
      return `${who} schedule(c${l.co}, x${l.ctx}) #${l.rec}: ${l.step}${report}`;
    default:
      return `${who} enter(c${l.co}): ${l.step}${report}`;
  }
}
