import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CLAUSES } from '../../spec';
import { createProcessAdapter } from '../../adapters/process';
import { adapter as reference } from '../../adapters/reference';
import { InProcessHost } from '../../conformance/engine/InProcessHost';
import type { InterleavedReply } from '../../conformance/engine/host';
import { checkLevel2Clause } from '../../conformance/level2/checkLevel2';
import { programArbitrary } from '../../conformance/level2/programs';
import { expectAgreesWithSpec } from '../../test/support/agreesWithSpec';
import { processHosts } from '../../test/support/processHosts';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const suite = hasPython ? describe : describe.skip;
const title = hasPython ? 'the Python example scheduler through the process protocol' : 'SKIPPED: the Python example scheduler (no python3 on this machine)';

const { host, disposeAll } = processHosts();
afterAll(disposeAll);
const clause = (id: string) => CLAUSES.find((c) => c.id === id) as (typeof CLAUSES)[number];
const options = { runs: 200, seed: 5, replayCommand: (seed: number, path: string) => `replay ${seed} ${path}` };
const withoutMessages = (r: InterleavedReply) =>
  r.kind !== 'steps' ? r : r.steps.map((s) => ({ ...s, report: { ...s.report, events: s.report.events.map((e) => (e.ev === 'error' ? { ...e, message: '' } : e)) } }));

suite(title, () => {
  const python = ['python3', join(__dirname, 'scheduler.py')];

  it('agrees with step on 300 random sessions', async () => {
    const adapter = createProcessAdapter(python, { opTimeoutMs: 5000 });
    await expectAgreesWithSpec(adapter, 300, 7);
    adapter.dispose();
  });

  it('level 2: takes exactly the reference\'s steps for the same program and choices (200 random runs)', async () => {
    const py = host(python);
    const ref = new InProcessHost(reference, 'reference', 500);
    await fc.assert(
      fc.asyncProperty(fc.oneof(programArbitrary('CO7'), programArbitrary('CO8')), fc.array(fc.nat({ max: 7 }), { maxLength: 80 }), async (program, choices) => {
        const [a, b] = [await py.runInterleaved(program, choices, 400), await ref.runInterleaved(program, choices, 400)];
        expect(a).toMatchObject({ kind: 'steps', outcome: 'completed' });
        expect(withoutMessages(a)).toEqual(withoutMessages(b));
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it('level 2: a copy of stepped.py that clears the mark before it sets the caller is rejected by CO8, and CO7 still passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cokit-py-'));
    copyFileSync(join(__dirname, 'scheduler.py'), join(dir, 'scheduler.py'));
    const source = readFileSync(join(__dirname, 'stepped.py'), 'utf8');
    const setCaller = '        self.caller[c] = t\n        self.emit("set-caller", c)\n';
    const clearMark = '        self.mark[c] = None\n        self.emit("clear-mark", c)\n';
    const swapped = source.replace(setCaller, '@@').replace(clearMark, setCaller).replace('@@', clearMark);
    expect(swapped).not.toBe(source);
    writeFileSync(join(dir, 'stepped.py'), swapped);
    const broken = host(['python3', join(dir, 'scheduler.py')]);
    const co8 = await checkLevel2Clause(broken, clause('CO8'), options);
    const co7 = await checkLevel2Clause(broken, clause('CO7'), options);
    if ('kind' in co8 || 'kind' in co7) throw new Error('unusable');
    expect(co8.result.verdict).toBe('fail');
    expect(co8.result.interleaving?.steps.some((s) => s.step.includes('clear-mark'))).toBe(true);
    expect(co7.result.verdict).toBe('pass');
  });
});
