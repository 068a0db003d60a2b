import { progressLines, progressStyle } from './progress';
import type { ClauseResult } from '../conformance/types';

describe('progress on CI', () => {
  it('uses plain lines when stderr is not a terminal or CI=true, bars on a terminal, nothing when quiet', () => {
    expect(progressStyle(false, { isTTY: false }, {})).toBe('lines');
    expect(progressStyle(false, { isTTY: true }, { CI: 'true' })).toBe('lines');
    expect(progressStyle(false, { isTTY: true }, {})).toBe('bars');
    expect(progressStyle(true, { isTTY: false }, { CI: 'true' })).toBe('none');
  });

  it('names the clause at once, then every interval says what is under way (runs, shrinking, confirming)', () => {
    jest.useFakeTimers();
    const lines: string[] = [];
    const p = progressLines((l) => lines.push(l), 3000);
    p.onProgress({ kind: 'clause-start', clause: 'CO9', runs: 200 });
    expect(lines).toEqual([expect.stringMatching(/^cokit: \[0\.0 s\] CO9 reschedule-after-cancel: started \(200 runs\)\n$/)]);
    p.onProgress({ kind: 'run', clause: 'CO9', done: 40, runs: 200, discarded: 3 });
    jest.advanceTimersByTime(3000);
    expect(lines[1]).toMatch(/CO9 reschedule-after-cancel: 40\/200 runs, 3 set aside/);
    p.onProgress({ kind: 'shrink', clause: 'CO9', candidates: 12 });
    jest.advanceTimersByTime(3000);
    expect(lines[2]).toMatch(/CO9 reschedule-after-cancel: shrinking a failing run \(12 candidates tried\)/);
    p.onProgress({ kind: 'confirm', clause: 'CO9', limitMs: 2500 });
    jest.advanceTimersByTime(3000);
    expect(lines[3]).toMatch(/confirming a failing run with a 2500 ms limit/);
    const result: ClauseResult = { clause: 'CO9', slug: 'reschedule-after-cancel', statement: '', verdict: 'fail', runs: 1, timeMs: 4200, seed: 1 };
    p.onProgress({ kind: 'clause-end', result });
    expect(lines[4]).toMatch(/CO9 reschedule-after-cancel: FAIL after 1 runs in 4\.2 s/);
    jest.advanceTimersByTime(9000);
    expect(lines).toHaveLength(5);
    p.stop();
    jest.useRealTimers();
  });
});
