import { type InterleavedBounds, threadName } from './state';
import type { ILabel } from './steps';

/** `T0 schedule(c0, x0): mark`, `bh@x0 read-mark c0 #1`, `T1 enter(c0): check-caller → recursive-entry`. */
export function iLabelToString(b: InterleavedBounds, l: ILabel): string {
  const who = threadName(b, l.thread);
  const report = l.report === null ? '' : ` → ${l.report}`;
  switch (l.step) {
    case 'take':
      return `${who} take the list of x${l.ctx}`;
    case 'start-schedule':
      return `${who} begins schedule(c${l.co}, x${l.ctx}) #${l.rec}`;
    case 'start-enter':
      return `${who} begins enter(c${l.co})`;
    case 'mark':
    case 'publish':
    case 'arm':
      return `${who} schedule(c${l.co}, x${l.ctx}) #${l.rec}: ${l.step}`;
    case 'read-mark':
      return `${who} read-mark c${l.co} #${l.rec}${report}`;
    case 'check-caller':
    case 'set-caller':
    case 'clear-mark':
    case 'switch':
    case 'yield':
      return `${who} enter(c${l.co}): ${l.step}${report}`;
    default: {
      const never: never = l.step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}
