import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialState, step, type DriverOp, type Event, type SessionConfig } from '../../spec';
import { parseChildLine, validateParentMessage } from './schema';

/** The requests PROTOCOL.md shows as examples are requests cokit's schema accepts (the document and the code agree). */
describe('PROTOCOL.md', () => {
  const text = readFileSync(join(__dirname, 'PROTOCOL.md'), 'utf8');
  const examples = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as { type: string });

  it('shows an example request for each whole-run level (2 and 3)', () => {
    expect(examples.map((e) => e.type).sort()).toEqual(['run-concurrent', 'run-interleaved']);
  });

  it.each(examples.map((e) => [e.type, e] as const))('the %s example is valid', (_type, example) => {
    expect(validateParentMessage(example)).toBe(true);
  });

  it('the schema rejects a run-interleaved request without its choices', () => {
    const bad = { ...examples.find((e) => e.type === 'run-interleaved'), choices: undefined };
    expect(validateParentMessage(JSON.parse(JSON.stringify(bad)))).toBe(false);
  });
});

/** The complete exchange PROTOCOL.md shows: every line valid in its direction, every `applied` what the spec predicts. */
describe('PROTOCOL.md, the complete exchange', () => {
  const text = readFileSync(join(__dirname, 'PROTOCOL.md'), 'utf8');
  const block = /## A complete exchange[\s\S]*?```text\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const lines = block.trim().split('\n').map((l) => ({ from: l.startsWith('→') ? 'cokit' : 'child', json: l.slice(2) }));

  it('has a hello, an open, applies and a close, each line valid for its direction', () => {
    expect(lines.map((l) => (JSON.parse(l.json) as { type: string }).type)).toEqual(['hello', 'open', 'opened', 'apply', 'applied', 'apply', 'applied', 'close', 'closed']);
    for (const l of lines) {
      if (l.from === 'cokit') expect([l.json, validateParentMessage(JSON.parse(l.json))]).toEqual([l.json, true]);
      else expect([l.json, parseChildLine(l.json).kind]).toEqual([l.json, 'message']);
    }
  });

  it("answers each apply with exactly the spec's events", () => {
    const open = JSON.parse(lines[1]?.json ?? '{}') as { config: SessionConfig };
    let state = initialState(open.config);
    for (let i = 3; i < lines.length - 2; i += 2) {
      const ops = (JSON.parse(lines[i]?.json ?? '{}') as { ops: DriverOp[] }).ops;
      const events = (JSON.parse(lines[i + 1]?.json ?? '{}') as { events: Event[][] }).events;
      ops.forEach((op, k) => {
        const r = step(state, op);
        if (r.kind !== 'ok') throw new Error(`${JSON.stringify(op)} is not enabled: ${r.reason}`);
        expect(events[k]).toEqual(r.events);
        state = r.state;
      });
    }
  });
});
