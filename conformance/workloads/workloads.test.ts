import fc from 'fast-check';
import { openHost } from '../certify';
import { WORKLOADS, runWorkload } from '.';

describe.each(WORKLOADS.map((w) => [`${w.id} ${w.slug}`, w] as const))('workload %s', (_title, w) => {
  it(`the reference keeps it: ${w.statement}`, async () => {
    const opened = await openHost({ kind: 'module', ref: 'reference' }, 250);
    if ('kind' in opened) throw new Error(opened.problem);
    try {
      await fc.assert(fc.asyncProperty(w.arbitrary, async (s) => expect(await runWorkload(opened.host, w, s)).toEqual({ kind: 'holds' })), { numRuns: 300, seed: 9 });
    } finally {
      await opened.host.dispose();
    }
  });

  it('the pre-patch scheduler (no-cancel) breaks it, and the workload says how', async () => {
    const opened = await openHost({ kind: 'module', ref: 'no-cancel' }, 250);
    if ('kind' in opened) throw new Error(opened.problem);
    try {
      const found = fc.check(fc.asyncProperty(w.arbitrary, async (s) => (await runWorkload(opened.host, w, s)).kind !== 'broken'), { numRuns: 300, seed: 9 });
      const details = await found;
      expect(details.failed).toBe(true);
      const cx = details.counterexample?.[0];
      if (cx === undefined) throw new Error('no counterexample');
      const r = await runWorkload(opened.host, w, cx);
      expect(r).toMatchObject({ kind: 'broken', message: w.id === 'W1' ? expect.stringMatching(/entered after it terminated/) : expect.stringMatching(/a second waker re-entered a wait/) });
    } finally {
      await opened.host.dispose();
    }
  });
});
