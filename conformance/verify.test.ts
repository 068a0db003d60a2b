import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certify } from './certify';
import { counterexampleToItf, itfToScenario } from './itf/itf';
import { readRecordedRun, replayScenario } from './replay';
import { writeReports } from './report/write';
import { verifyReport } from './verify';
import { predict } from './engine/runScenario';

async function lifoReport(): Promise<{ dir: string; report: string }> {
  const r = await certify({ kind: 'module', ref: 'lifo' }, { adapter: 'lifo', runsPerClause: 40, seed: 5, opTimeoutMs: 250, clauses: ['CO4', 'CO1'] });
  if ('kind' in r) throw new Error(r.problem);
  const dir = mkdtempSync(join(tmpdir(), 'cokit-verify-'));
  writeReports(r, dir);
  return { dir, report: join(dir, 'report.json') };
}

describe('verify, ITF and replay', () => {
  it('confirms an untouched report by re-running it', async () => {
    const { report } = await lifoReport();
    const v = await verifyReport(report, { kind: 'module', ref: 'lifo' });
    expect(v.kind).toBe('confirmed');
  });

  it('refuses a report whose verdict or seed was edited', async () => {
    const { report } = await lifoReport();
    const text = readFileSync(report, 'utf8');
    writeFileSync(report, text.replace('"verdict": "fail"', '"verdict": "pass"'));
    const edited = await verifyReport(report, { kind: 'module', ref: 'lifo' });
    expect(edited).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/was edited after cokit wrote it/) });
    writeFileSync(report, text.replace('"seed": 5', '"seed": 6'));
    expect((await verifyReport(report, { kind: 'module', ref: 'lifo' })).kind).toBe('refused');
  });

  it('refuses to verify a report against a different adapter', async () => {
    const { report } = await lifoReport();
    const v = await verifyReport(report, { kind: 'module', ref: 'no-cancel' });
    expect(v.kind).toBe('refused');
  });

  it('round-trips a counterexample through ITF and replays it with the same verdict', async () => {
    const { dir } = await lifoReport();
    const itfPath = join(dir, 'counterexamples', 'CO4.itf.json');
    const itf = JSON.parse(readFileSync(itfPath, 'utf8')) as unknown;
    expect(itf).toMatchObject({ '#meta': { format: 'ITF', clause: 'CO4' }, vars: expect.arrayContaining(['action', 'state']) });
    const run = readRecordedRun(itfPath);
    if ('problem' in run) throw new Error(run.problem);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { clauses: { clause: string; counterexample?: { ops: unknown; config: unknown } }[] };
    const cx = report.clauses.find((c) => c.clause === 'CO4')?.counterexample;
    expect(run.scenario.ops).toEqual(cx?.ops);
    expect(run.scenario.config).toEqual(cx?.config);
    const again = await replayScenario(run.scenario, { kind: 'module', ref: 'lifo' }, 250);
    expect(again.kind === 'violation' && again.claims.map((c) => c.clause)).toEqual(['CO4']);
    expect((await replayScenario(run.scenario, { kind: 'module', ref: 'reference' }, 250)).kind).toBe('agree');
  });

  it('rejects an ITF trace whose action is not a driver operation, naming the state', () => {
    const cx = { kind: 'violation' as const, clause: 'CO1' as const, message: 'm', config: { contexts: 1, coroutines: 1 }, ops: [], steps: [{ index: 0, op: { op: 'create' as const, co: 0, program: [] }, expected: [], observed: [], outcome: 'completed' as const, stateAfter: '', diverged: false }], seed: 1, path: '0', replay: '', runsBeforeFailure: 0 };
    const itf = counterexampleToItf(cx) as unknown as { states: { action: unknown }[] };
    expect(predict({ config: cx.config, ops: [cx.steps[0]!.op] })).toHaveLength(1);
    (itf.states[1] as { action: unknown }).action = { op: { '#bigint': '3' } };
    expect(itfToScenario(itf)).toMatchObject({ problem: expect.stringMatching(/^state 1: the action is not a driver operation/) });
  });
});
