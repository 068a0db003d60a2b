import type { Event } from '../model/events';
import type { IState, InterleavedBounds } from './state';
import type { ILabel } from './steps';

/**
 * What a step of the interleaved model shows to an observer, in the events of the adapter contract: the
 * switch into a coroutine is `entered` (by the BH, or directly from the driver's context), its yield is
 * `yielded` or, after its last segment, `terminated`; a refused schedule or entry is an `error`. Every other
 * step (marks, lists, callers) is invisible: that is what makes a trace check a search.
 */
export function stepEvents(b: InterleavedBounds, label: ILabel, post: IState): readonly Event[] {
  const c = label.co;
  switch (label.step) {
    case 'switch':
      return label.thread < b.contexts ? [{ ev: 'entered', co: c, ctx: label.ctx, by: 'bh' }] : [{ ev: 'entered', co: c, ctx: label.ctx, by: 'direct' }];
    case 'yield':
      return (post.segments[c] as number) > b.yields ? [{ ev: 'terminated', co: c }] : [{ ev: 'yielded', co: c }];
    case 'mark':
    case 'check-caller':
      return label.report === null ? [] : [{ ev: 'error', kind: label.report, co: c, message: label.report }];
    default:
      return [];
  }
}
