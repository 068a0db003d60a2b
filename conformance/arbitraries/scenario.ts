import fc from 'fast-check';
import type { DriverOp, Instruction, Program, SessionConfig } from '../../spec';
import { opToString, programToString } from '../../spec';

/** One generated run: a session's bounds and the driver operations, `create`s first. */
export interface Scenario {
  readonly config: SessionConfig;
  readonly ops: readonly DriverOp[];
}

/** A clause's situation: operations to splice into random noise, and program prefixes it needs. */
export interface Situation {
  readonly ops: readonly DriverOp[];
  /** Instructions a coroutine's program must start with (e.g. yields, so a direct entry does not end it). */
  readonly programs: readonly { readonly co: number; readonly prefix: Program }[];
}

export const id = (n: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: n - 1 });

export function instructionArb(cfg: SessionConfig): fc.Arbitrary<Instruction> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant<Instruction>({ kind: 'yield' }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('schedule' as const), target: id(cfg.coroutines), ctx: id(cfg.contexts) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('enter' as const), target: id(cfg.coroutines) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wake' as const), target: id(cfg.coroutines) }) },
  );
}

export function noiseOpArb(cfg: SessionConfig): fc.Arbitrary<DriverOp> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('schedule' as const), co: id(cfg.coroutines), ctx: id(cfg.contexts), from: id(cfg.contexts) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('enter' as const), co: id(cfg.coroutines), from: id(cfg.contexts) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('poll' as const), ctx: id(cfg.contexts) }) },
  );
}

export interface ScenarioBounds {
  readonly minCoroutines: number;
  readonly maxNoise: number;
}

/**
 * A scenario: config, random programs, then noise, the situation (if any), noise, and a final poll of every
 * context so pending schedules are observed. Arrays throughout, so shrinking drops ops and instructions.
 */
export function scenarioArb(
  situation: ((cfg: SessionConfig) => fc.Arbitrary<Situation>) | null,
  bounds: ScenarioBounds = { minCoroutines: 1, maxNoise: 12 },
): fc.Arbitrary<Scenario> {
  const cfgArb = fc.record({ contexts: fc.integer({ min: 1, max: 3 }), coroutines: fc.integer({ min: bounds.minCoroutines, max: 4 }) });
  return cfgArb.chain((cfg) =>
    fc
      .record({
        programs: fc.tuple(...Array.from({ length: cfg.coroutines }, () => fc.array(instructionArb(cfg), { maxLength: 4 }))),
        before: fc.array(noiseOpArb(cfg), { maxLength: bounds.maxNoise }),
        situation: situation === null ? fc.constant<Situation>({ ops: [], programs: [] }) : situation(cfg),
        after: fc.array(noiseOpArb(cfg), { maxLength: Math.ceil(bounds.maxNoise / 2) }),
        drain: fc.boolean(),
      })
      .map(({ programs, before, situation: s, after, drain }) => {
        const creates: DriverOp[] = programs.map((p, co) => {
          const prefix = s.programs.find((q) => q.co === co)?.prefix ?? [];
          return { op: 'create', co, program: [...prefix, ...p].slice(0, Math.max(prefix.length, 4)) };
        });
        const polls: DriverOp[] = drain ? Array.from({ length: cfg.contexts }, (_, ctx) => ({ op: 'poll' as const, ctx })) : [];
        return { config: cfg, ops: [...creates, ...before, ...s.ops, ...after, ...polls] };
      }),
  );
}

export function scenarioToString(s: Scenario): string {
  const lines = [`contexts=${s.config.contexts} coroutines=${s.config.coroutines}`];
  for (const op of s.ops) lines.push(op.op === 'create' ? `create(c${op.co}, ${programToString(op.program)})` : opToString(op));
  return lines.join('\n');
}
