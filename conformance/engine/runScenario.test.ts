import type { DriverOp, Event, SessionConfig } from '../../spec';
import type { Adapter, Session } from '../../adapters/contract';
import { adapter as reference } from '../../adapters/reference';
import { adapter as noCancel } from '../../adapters/mutants/no-cancel';
import type { Scenario } from '../arbitraries';
import { InProcessHost } from './InProcessHost';
import { runScenario } from './runScenario';

const config: SessionConfig = { coroutines: 1, contexts: 1 };
/** The seed's case: c0 scheduled on x0, then entered directly; the BH of x0 must then leave it alone. */
const cancelCase: Scenario = {
  config,
  ops: [
    { op: 'create', co: 0, program: [{ kind: 'yield' }] },
    { op: 'schedule', co: 0, ctx: 0, from: 0 },
    { op: 'enter', co: 0, from: 0 },
    { op: 'poll', ctx: 0 },
  ],
};

/** The reference, with one operation's reply replaced. */
function breakOn(kind: DriverOp['op'], apply: (s: Session, op: DriverOp) => readonly Event[] | Promise<readonly Event[]>): Adapter {
  return {
    meta: { ...reference.meta, name: `broken-${kind}` },
    async open(c) {
      const s = await reference.open(c);
      return { apply: (op) => (op.op === kind ? apply(s, op) : s.apply(op)), close: () => s.close() };
    },
  };
}

const run = (a: Adapter, s: Scenario = cancelCase, ms = 100) => runScenario(new InProcessHost(a, a.meta.name, ms), s, true);

describe('runScenario through InProcessHost', () => {
  it('agrees with the reference and records every step with its spec state', async () => {
    const r = await run(reference);
    expect(r.kind).toBe('agree');
    if (r.kind !== 'agree') return;
    expect(r.records.map((s) => s.op.op)).toEqual(['create', 'schedule', 'enter', 'poll']);
    expect(r.records.every((s) => !s.diverged && s.stateAfter.length > 0)).toBe(true);
  });

  it('judges the pre-patch scheduler at the poll: CO1 claims it, and the run stops there', async () => {
    const r = await run(noCancel);
    expect(r.kind).toBe('violation');
    if (r.kind !== 'violation') return;
    expect(r.claims.map((c) => c.clause)).toContain('CO1');
    const last = r.steps.at(-1);
    expect(last?.op).toEqual({ op: 'poll', ctx: 0 });
    expect(last?.diverged).toBe(true);
    expect(last?.observed).not.toEqual(last?.expected);
    expect(r.steps).toHaveLength(4);
  });

  it('skips operations the spec does not enable, so a shrunk scenario is always a valid run', async () => {
    const invalid: Scenario = { config, ops: [...cancelCase.ops.slice(0, 1), { op: 'poll', ctx: 5 }, { op: 'enter', co: 3, from: 0 }, ...cancelCase.ops.slice(1)] };
    const r = await run(reference, invalid);
    expect(r.kind === 'agree' ? r.records.length : -1).toBe(4);
  });

  it('reports a thrown apply as a crash with its message', async () => {
    const r = await run(breakOn('enter', () => { throw new Error('bad pointer'); }));
    expect(r.kind === 'adapter-fault' && r.outcome === 'crash' ? r.message : r.kind).toBe('apply() threw: bad pointer');
    expect(r.kind === 'adapter-fault' ? r.steps.at(-1)?.detail : '').toBe('crashed: apply() threw: bad pointer');
  });

  it('reports a promise that never settles as a timeout of that operation', async () => {
    const r = await run(breakOn('poll', () => new Promise<readonly Event[]>(() => {})), cancelCase, 50);
    expect(r.kind === 'adapter-fault' ? [r.outcome, r.message, r.steps.at(-1)?.detail] : r.kind).toEqual(['timeout', 'operation 3 (poll(x0)) did not return within 50 ms', 'timed out after 50 ms']);
  });

  it('takes an adapter-reported crash or timeout event as the outcome of the step', async () => {
    const r = await run(breakOn('schedule', () => [{ ev: 'error', kind: 'crash', co: 0, message: 'native scheduler aborted' }]));
    expect(r.kind === 'adapter-fault' ? r.message : r.kind).toBe('crash: native scheduler aborted');
    const t = await run(breakOn('schedule', () => [{ ev: 'error', kind: 'timeout', co: 0, message: 'no answer from the child in 5 s' }]));
    expect(t.kind === 'adapter-fault' ? [t.outcome, t.steps.at(-1)?.detail] : t.kind).toEqual(['timeout', 'the adapter reported a timeout: no answer from the child in 5 s']);
  });

  it('calls events of the wrong shape malformed, naming the event and field', async () => {
    const r = await run(breakOn('create', () => [{ ev: 'entered', co: 'c0' } as unknown as Event]));
    expect(r.kind === 'malformed' ? r.problem : r.kind).toMatch(/^broken-create: apply\(\) returned events of the wrong shape: event \/0/);
  });

  it('calls a session without close() malformed', async () => {
    const noClose: Adapter = { meta: reference.meta, open: () => ({ apply: () => [] }) as unknown as Session };
    const r = await run(noClose);
    expect(r.kind === 'malformed' ? r.problem : r.kind).toMatch(/no 'close\(\)' function/);
  });
});
