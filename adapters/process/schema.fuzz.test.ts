import fc from 'fast-check';
import { parseChildLine } from './schema';

const event = fc.oneof(
  fc.record({ ev: fc.constant('entered'), co: fc.nat(5), ctx: fc.nat(3), by: fc.constantFrom('direct', 'bh') }),
  fc.record({ ev: fc.constantFrom('yielded', 'terminated'), co: fc.nat(5) }),
  fc.record({ ev: fc.constant('error'), kind: fc.constantFrom('recursive-entry', 'double-schedule', 'crash'), co: fc.nat(5), message: fc.string() }),
);
const valid = fc.oneof(
  fc.record({ type: fc.constant('hello'), protocol: fc.nat(3), meta: fc.record({ name: fc.string({ minLength: 1 }), version: fc.constant('1'), profile: fc.constant('cancel'), levels: fc.constant([1]) }) }),
  fc.record({ type: fc.constantFrom('opened', 'closed'), id: fc.nat() }),
  fc.record({ type: fc.constant('applied'), id: fc.nat(), events: fc.array(fc.array(event, { maxLength: 4 }), { maxLength: 4 }) }),
  fc.record({ type: fc.constant('error'), id: fc.nat(), message: fc.string() }),
);
/** A valid message with one field replaced by anything JSON can hold (huge numbers included). */
const mutated = fc.tuple(valid, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })).map(([m, k, v]) => {
  const o: Record<string, unknown> = { ...m };
  const keys = Object.keys(o);
  o[keys.length > 0 && k.length % 2 === 0 ? (keys[k.length % keys.length] as string) : k] = v;
  return JSON.stringify(o);
});
const deep = fc.integer({ min: 100, max: 4000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
const deepObject = fc.integer({ min: 100, max: 1500 }).map((n) => `{"type":"applied","id":1,"events":${'['.repeat(n)}${']'.repeat(n)}}`);
const huge = fc.constantFrom('{"type":"opened","id":1e400}', '{"type":"opened","id":123456789012345678901234567890}', '{"type":"opened","id":-0}', '{"type":"opened","id":1.5}');
const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1'));
const line = fc.oneof(valid.map((m) => JSON.stringify(m)), mutated, bytes, fc.string({ maxLength: 40 }), huge, deep, deepObject);

describe('parseChildLine, fuzzed', () => {
  it('never throws and always classifies 100,000 generated child lines', () => {
    const seen = { message: 0, garbled: 0, invalid: 0 };
    fc.assert(
      fc.property(line, (l) => {
        const r = parseChildLine(l);
        seen[r.kind]++;
        return r.kind === 'message' ? typeof r.message.type === 'string' : r.problem.length > 0;
      }),
      { numRuns: 100_000 },
    );
    expect(seen.message).toBeGreaterThan(1000);
    expect(seen.garbled).toBeGreaterThan(1000);
    expect(seen.invalid).toBeGreaterThan(1000);
  });

  it('accepts what the protocol allows and rejects a fractional id', () => {
    expect(parseChildLine('{"type":"applied","id":3,"events":[[{"ev":"yielded","co":0}],[]]}').kind).toBe('message');
    expect(parseChildLine('{"type":"opened","id":1.5}').kind).toBe('invalid');
    expect(parseChildLine('{"type":"opened","id":1e400}').kind).toBe('invalid');
  });
});
