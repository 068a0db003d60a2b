import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createProcessAdapter } from '../../adapters/process';
import { expectAgreesWithSpec } from '../../test/support/agreesWithSpec';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const suite = hasPython ? describe : describe.skip;
const title = hasPython ? 'the Python example scheduler through the process protocol' : 'SKIPPED: the Python example scheduler (no python3 on this machine)';

suite(title, () => {
  it('agrees with step on 300 random sessions', async () => {
    const adapter = createProcessAdapter(['python3', join(__dirname, 'scheduler.py')], { opTimeoutMs: 5000 });
    await expectAgreesWithSpec(adapter, 300, 7);
    adapter.dispose();
  });
});
