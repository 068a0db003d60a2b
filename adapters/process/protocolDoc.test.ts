import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateParentMessage } from './schema';

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
