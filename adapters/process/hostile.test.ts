import { join } from 'node:path';
import { initialState, step, type DriverOp, type Event } from '../../spec';
import { createProcessAdapter, type ProcessAdapter } from './adapter';

const fixture = (name: string, ...args: string[]): readonly string[] => [process.execPath, join(__dirname, 'fixtures', name), ...args];
const config = { contexts: 1, coroutines: 1 };
const ops: DriverOp[] = [{ op: 'create', co: 0, program: [] }, { op: 'poll', ctx: 0 }, { op: 'poll', ctx: 0 }];
const TIMEOUT = 1500;

/** Apply `ops` one at a time, stopping at the first adapter error; returns the events and the time taken. */
async function drive(adapter: ProcessAdapter): Promise<{ events: Event[]; ms: number }> {
  const t0 = Date.now();
  const session = await adapter.open(config);
  const events: Event[] = [];
  for (const op of ops) {
    const evs = await session.apply(op);
    events.push(...evs);
    if (evs.some((e) => e.ev === 'error')) break;
  }
  await session.close();
  adapter.dispose();
  return { events, ms: Date.now() - t0 };
}

const adapterErrors = (events: readonly Event[]): Event[] => events.filter((e) => e.ev === 'error');

describe('the process adapter classifies a hostile child', () => {
  it.each([
    ['never-answers.js', 'timeout', /no answer to 'apply'/],
    ['exits-mid-run.js', 'crash', /exited with status 139.*segmentation fault/],
    ['prints-garbage.js', 'protocol', /not JSON: "entered c0 on x0/],
    ['wrong-events.js', 'protocol', /schema violation/],
    ['wrong-id.js', 'protocol', /out of order or unknown id/],
    ['old-protocol.js', 'protocol', /speaks protocol 2/],
  ])('%s gives one %s event naming the fault, within the timeout', async (name, kind, message) => {
    const { events, ms } = await drive(createProcessAdapter(fixture(name), { opTimeoutMs: TIMEOUT }));
    const errors = adapterErrors(events);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ev: 'error', kind, co: 0 });
    expect(errors[0]?.ev === 'error' ? errors[0].message : '').toMatch(message);
    expect(ms).toBeLessThan(TIMEOUT * 3);
  });

  it('a slow but correct child agrees with the spec', async () => {
    const { events } = await drive(createProcessAdapter(fixture('slow.js', '40'), { opTimeoutMs: TIMEOUT }));
    let state = initialState(config);
    const expected: Event[] = [];
    for (const op of ops) {
      const r = step(state, op);
      if (r.kind !== 'ok') throw new Error(r.reason);
      expected.push(...r.events);
      state = r.state;
    }
    expect(events).toEqual(expected);
  });

  it('a run over the run timeout gets a timeout event', async () => {
    const { events } = await drive(createProcessAdapter(fixture('slow.js', '100'), { opTimeoutMs: TIMEOUT, runTimeoutMs: 250 }));
    expect(adapterErrors(events)[0]).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/run('s| took more than) 250 ms/) });
  });

  it('a command that cannot be run is a crash, not an exception', async () => {
    const { events } = await drive(createProcessAdapter(['/nonexistent/cokit-adapter'], { opTimeoutMs: TIMEOUT }));
    expect(adapterErrors(events)[0]).toMatchObject({ kind: 'crash', message: expect.stringMatching(/cannot run .*ENOENT/) });
  });

  it('a crashed child is restarted for the next run', async () => {
    const adapter = createProcessAdapter(fixture('exits-mid-run.js'), { opTimeoutMs: TIMEOUT });
    for (let run = 0; run < 2; run++) {
      const session = await adapter.open(config);
      expect(await session.apply(ops[0] as DriverOp)).toEqual([]);
      expect(adapterErrors(await session.apply(ops[1] as DriverOp))[0]).toMatchObject({ kind: 'crash' });
      await session.close();
    }
    adapter.dispose();
  });
});
