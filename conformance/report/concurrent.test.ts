import type { CertificationResult, InterleavedCounterexample, Level3Result } from '../types';
import { renderBadge } from './badge';
import { renderHtmlReport } from './html';
import { renderJunit } from './junit';

const cx: InterleavedCounterexample = {
  level: 3,
  kind: 'violation',
  clause: 'CO7',
  message: "the trace is what the seed's steps produce in the order publish-before-mark",
  program: { coroutines: 2, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 1, ctx: 0 }]] },
  observed: [{ ev: 'entered', co: 1, ctx: 0, by: 'bh' }, { ev: 'yielded', co: 1 }],
  stepsShow: 'witness',
  steps: [{ thread: 'T0', step: 'T0 schedule(c0, x0) #0: publish', events: [], stateAfter: 'c0 mark=- | x0 [c0#0]', diverged: true }],
  search: { states: 321, ms: 4 },
  seed: 9,
  path: '',
  replay: 'npx cokit stress --cmd "adapters/c/build/cokit-c-pbm" --seed 9 --runs 1',
  runsBeforeFailure: 11,
};

const level3 = (over: Partial<Level3Result> = {}): Level3Result => ({
  verdict: 'pass', runs: 500, distinctTraces: 37, undecided: 0, search: { states: 120_000, maxStates: 900, ms: 1500, maxMs: 12 }, timeMs: 4000, seed: 9, ...over,
});

const result = (over: Partial<CertificationResult> = {}): CertificationResult => ({
  kit: { name: 'cokit', version: '0.1.0' },
  specHash: 'sha256:0123456789abcdef0123',
  adapter: { name: 'cokit-c', version: '1', profile: 'cancel', levels: [1, 3] },
  adapterRef: 'adapters/c/build/cokit-c',
  adapterKind: 'cmd',
  options: { adapter: 'adapters/c/build/cokit-c', runsPerClause: 10, seed: 9, opTimeoutMs: 250 },
  profile: 'cancel',
  clauses: [{ clause: 'CO1', slug: 'cancel-on-direct-entry', statement: 's', verdict: 'pass', runs: 10, timeMs: 5, seed: 9 }],
  verdict: 'conforms',
  durationMs: 100,
  level3: level3(),
  ...over,
});

describe('reports of concurrent runs', () => {
  it('a level-3 failure is a failing JUnit case carrying the printed counterexample', () => {
    const xml = renderJunit(result({ verdict: 'fails', level3: level3({ verdict: 'fail', counterexample: cx }) }));
    expect(xml).toContain('level 3: 500 concurrent runs on real threads');
    expect(xml).toMatch(/<failure message="level 3: CO7 violated"/);
    expect(xml).toContain('CO7 mark-before-publish violated at level 3 after 12 runs');
  });

  it('a passing level 3 is a passing JUnit case, and the badge details name its runs', () => {
    const xml = renderJunit(result());
    expect(xml).toContain('level 3: 500 concurrent runs');
    expect(xml).not.toContain('<failure');
    expect(renderBadge(result())).toContain('level 3: 500 concurrent runs on real threads, 37 distinct traces');
  });

  it('the HTML report shows the level-3 line and the counterexample step by step with the model state', () => {
    const html = renderHtmlReport(result({ verdict: 'fails', level3: level3({ verdict: 'fail', counterexample: cx }) }));
    expect(html).toContain('class="level3" data-verdict="fail"');
    expect(html).toContain('id="cx-L3-CO7"');
    expect(html).toContain('T0 schedule(c0, x0) #0: publish');
    expect(html).toContain('c0 mark=- | x0 [c0#0]');
    expect(html).toContain('npx cokit stress --cmd &quot;adapters/c/build/cokit-c-pbm&quot; --seed 9 --runs 1');
  });

  it('no badge for a certification whose level 3 failed', () => {
    expect(renderBadge(result({ verdict: 'fails', level3: level3({ verdict: 'fail', counterexample: cx }) }))).toBeNull();
  });
});
