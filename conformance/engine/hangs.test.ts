import { join } from 'node:path';
import { certify } from '../certify';
import { adapter as reference } from '../../adapters/reference';
import { adapter as lifo } from '../../adapters/mutants/lifo';
import type { Adapter } from '../../adapters/contract';
import { clauseById } from '../../spec';
import type { Scenario } from '../arbitraries';
import { InProcessHost } from './InProcessHost';
import { runScenario } from './runScenario';
import { settle } from './settle';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', name);
const CO4 = clauseById('CO4');

/**
 * Verdicts that do not depend on this machine's speed: a hang is confirmed before it is reported, a slow run
 * is never an error, nondeterminism is called only on two runs' differing events, and an open() that never
 * returns is one verdict naming it. The hangs here are schedulers that truly never answer; the slow one is
 * slow by a margin no limit is near (1.5 s against a 2.5 s confirmation limit, 100 ms suspicion).
 */
describe('time limits and verdicts', () => {
  it.each(['open-never-settles.js', 'open-busy-loops.js'])('an adapter whose open() never returns (%s) is unusable, named once', async (name) => {
    const r = await certify({ kind: 'module', ref: fixture(name) }, { adapter: name, runsPerClause: 50, seed: 1, opTimeoutMs: 100 });
    expect('kind' in r && r.kind).toBe('unusable');
    if (!('kind' in r)) return;
    expect(r.problem).toMatch(/^open\(\{.*\}\) did not return within \d+ ms \(confirmed with a limit of \d+ ms\)$/);
  });

  it('a scheduler slow only on its first run conforms: the suspected hang did not recur when given time', async () => {
    const r = await certify({ kind: 'module', ref: fixture('slow-first-run.js') }, { adapter: 'slow-first-run', runsPerClause: 30, seed: 3, opTimeoutMs: 100, tour: false, clauses: ['CO1', 'CO9'] });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.clauses.map((c) => `${c.clause}:${c.verdict}${c.error ?? ''}`)).toEqual(['CO1:pass', 'CO9:pass']);
    expect(r.verdict).toBe('conforms');
  });

  it('the seed\'s literal list fails CO9 on a confirmed hang, naming both limits', async () => {
    const r = await certify({ kind: 'module', ref: 'seed-literal-list' }, { adapter: 'seed-literal-list', runsPerClause: 50, seed: 1, opTimeoutMs: 100, clauses: ['CO9'] });
    if ('kind' in r) throw new Error(r.problem);
    const cx = r.clauses[0]?.counterexample;
    // The confirmation limit is at least 2.5 s, more on a loaded machine (timeLimits.ts, loadFactor).
    const confirmed = cx?.hang?.confirmedMs ?? 0;
    expect([r.clauses[0]?.verdict, confirmed >= 2500]).toEqual(['fail', true]);
    expect(cx?.steps.at(-1)?.detail).toBe(`timed out after ${confirmed} ms`);
  });

  it('calls an adapter nondeterministic only when the same operations gave different events, and keeps both runs', async () => {
    let sessions = 0;
    // Every other session is the LIFO mutant: the same operations give different events on a re-run.
    const flips: Adapter = { meta: { ...reference.meta, name: 'flips' }, open: (c) => (sessions++ % 2 === 0 ? lifo : reference).open(c) };
    const host = new InProcessHost(flips, 'flips', 1000);
    const s: Scenario = {
      config: { contexts: 1, coroutines: 2 },
      ops: [{ op: 'create', co: 0, program: [] }, { op: 'create', co: 1, program: [] }, { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'schedule', co: 1, ctx: 0, from: 0 }, { op: 'poll', ctx: 0 }],
    };
    const failing = await runScenario(host, s, true);
    expect(failing.kind).toBe('violation');
    if (CO4 === undefined) throw new Error('CO4 missing');
    const settled = await settle(host, CO4, s, failing);
    expect(settled.kind).toBe('nondeterministic');
    if (settled.kind !== 'nondeterministic') return;
    expect(settled.message).toMatch(/differ at step #4 poll\(x0\): the first run observed entered\(c1, x0, bh\).*; the second entered\(c0, x0, bh\)/);
    expect([settled.first.length, settled.second.length]).toEqual([5, 5]);
  });

  it('a deterministic violation is confirmed as a failure, never as nondeterminism', async () => {
    const host = new InProcessHost(lifo, 'lifo', 1000);
    const s: Scenario = {
      config: { contexts: 1, coroutines: 2 },
      ops: [{ op: 'create', co: 0, program: [] }, { op: 'create', co: 1, program: [] }, { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'schedule', co: 1, ctx: 0, from: 0 }, { op: 'poll', ctx: 0 }],
    };
    if (CO4 === undefined) throw new Error('CO4 missing');
    const settled = await settle(host, CO4, s, await runScenario(host, s, true));
    expect(settled.kind).toBe('fail');
  });
});
