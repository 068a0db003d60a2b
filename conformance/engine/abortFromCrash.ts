import type { AbortKind, DriverOp, Event } from '../../spec';

/**
 * QEMU's stderr lines for its fatal conflicts (profile `strict`), by abort kind: `aio_co_schedule` and
 * `qemu_aio_coroutine_enter` print "Co-routine was already scheduled in '<fn>'"; the caller check prints
 * "Co-routine re-entered recursively"; `aio_co_enter`'s `assert(self != co)` fails with glibc's assertion line.
 */
const PATTERNS: readonly (readonly [RegExp, AbortKind])[] = [
  [/Co-routine was already scheduled in '/, 'already-scheduled'],
  [/Co-routine re-entered recursively/, 'recursive-entry'],
  [/Assertion `self != co' failed/, 'recursive-entry'],
];

/** The abort a crashed child's message (which carries its stderr's tail) shows, or null. */
export function abortKindOf(crashMessage: string): AbortKind | null {
  for (const [re, kind] of PATTERNS) if (re.test(crashMessage)) return kind;
  return null;
}

/**
 * A child that died (a real SIGABRT) with QEMU's abort message on stderr, read as the abort event the
 * process could not report. The coroutine and the events before the abort come from the prediction when it
 * predicts an abort of that kind in this operation (a dead child cannot say them); otherwise the abort names
 * the operation's coroutine, and the clauses judge it. Null when the message shows no abort: a crash.
 */
export function abortFromCrash(crashMessage: string, op: DriverOp, predicted: readonly Event[]): Event[] | null {
  const kind = abortKindOf(crashMessage);
  if (kind === null) return null;
  const at = predicted.findIndex((e) => e.ev === 'abort' && e.kind === kind);
  const message = `the process died: ${crashMessage}`;
  if (at >= 0) return [...predicted.slice(0, at), { ev: 'abort', kind, co: (predicted[at] as Event).co, message }];
  return [{ ev: 'abort', kind, co: op.op === 'poll' ? 0 : op.co, message }];
}
