import Ajv from 'ajv';
import { opToString, type DriverOp, type SessionConfig } from '../../spec';
import { checkOp } from '../../adapters/schema';
import type { Counterexample } from '../types';

/**
 * Counterexamples in the Informal Trace Format (ITF), the JSON trace format of Quint and Apalache:
 * `{"#meta": {...}, "vars": [...], "states": [{"#meta": {"index": i}, var: value, ...}]}`, integers as
 * `{"#bigint": "n"}`. State 0 is the session before any operation; each later state records the action taken
 * (the driver operation, with its nondeterministic picks as fields), the expected and observed events and
 * the spec state after it — so a trace can drive an implementation (`cokit replay`).
 */
export type ItfValue = string | boolean | { readonly '#bigint': string } | readonly ItfValue[] | { readonly [k: string]: ItfValue };

export interface ItfTrace {
  readonly '#meta': { readonly format: 'ITF'; readonly 'format-description': string; readonly source: string; readonly description: string; readonly [k: string]: ItfValue };
  readonly vars: readonly string[];
  readonly states: readonly { readonly [k: string]: ItfValue }[];
}

/** Plain JSON (numbers, strings, arrays, objects) to ITF values: integers become `#bigint`. */
export function toItf(v: unknown): ItfValue {
  if (typeof v === 'number') return { '#bigint': String(v) };
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toItf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toItf(x)]));
  return 'null';
}

/** ITF values back to plain JSON; `#bigint` and plain JSON integers are both accepted. */
export function fromItf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromItf);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['#bigint'] === 'string') return Number(o['#bigint']);
    if (Array.isArray(o['#tup'])) return (o['#tup'] as unknown[]).map(fromItf);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromItf(x)]));
  }
  return v;
}

export function counterexampleToItf(cx: Counterexample): ItfTrace {
  const initial = { action: toItf({ op: 'init', contexts: cx.config.contexts, coroutines: cx.config.coroutines }), step: toItf(-1), expected: [], observed: [], outcome: 'completed', state: '' };
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: 'cokit',
      description: `${cx.clause} ${cx.kind}: ${cx.message}`,
      clause: cx.clause,
      seed: toItf(cx.seed),
      path: cx.path,
      replay: cx.replay,
      config: toItf(cx.config),
    },
    vars: ['action', 'step', 'expected', 'observed', 'outcome', 'state'],
    states: [
      { '#meta': { index: toItf(0) }, ...initial },
      ...cx.steps.map((s, i) => ({
        '#meta': { index: toItf(i + 1) },
        action: toItf(s.op),
        step: toItf(s.index),
        expected: toItf(s.expected),
        observed: toItf(s.observed),
        outcome: s.outcome,
        state: s.stateAfter,
        label: opToString(s.op),
      })),
    ],
  };
}

const ajv = new Ajv({ strict: false });
const validateItf = ajv.compile({
  type: 'object',
  required: ['#meta', 'vars', 'states'],
  properties: {
    '#meta': { type: 'object' },
    vars: { type: 'array', items: { type: 'string' }, contains: { const: 'action' } },
    states: { type: 'array', minItems: 1, items: { type: 'object', required: ['action'] } },
  },
});

/** The session an ITF trace drives: its config (state 0's `init` action) and the driver operations after it. */
export function itfToScenario(json: unknown): { readonly config: SessionConfig; readonly ops: DriverOp[] } | { readonly problem: string } {
  if (!validateItf(json)) return { problem: `not an ITF trace: ${validateItf.errors?.[0]?.instancePath ?? ''} ${validateItf.errors?.[0]?.message ?? ''}`.trim() };
  const states = (json as { states: { action: unknown }[] }).states;
  const init = fromItf(states[0]?.action) as { op?: unknown; contexts?: unknown; coroutines?: unknown };
  if (init.op !== 'init' || !Number.isInteger(init.contexts) || !Number.isInteger(init.coroutines)) {
    return { problem: "state 0's action must be {op: 'init', contexts, coroutines}" };
  }
  const ops: DriverOp[] = [];
  for (const [i, s] of states.slice(1).entries()) {
    const checked = checkOp(fromItf(s.action));
    if (!checked.ok) return { problem: `state ${i + 1}: the action is not a driver operation: ${checked.problem}` };
    ops.push(checked.value);
  }
  return { config: { contexts: init.contexts as number, coroutines: init.coroutines as number }, ops };
}

/** One step of a model-checking trace, for ITF: the action (a driver operation, or a label), its name, the state. */
export interface ModelTraceStep {
  readonly action: unknown;
  readonly label: string;
  readonly state: string;
}

/**
 * A `cokit check` counterexample as ITF. State 0 is the model's initial state; for the atomic model each
 * action is a driver operation, so the trace replays with `cokit replay` (state 0 carries the config).
 */
export function modelTraceToItf(description: string, config: { contexts: number; coroutines: number }, steps: readonly ModelTraceStep[]): ItfTrace {
  return {
    '#meta': { format: 'ITF', 'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html', source: 'cokit check', description },
    vars: ['action', 'label', 'state'],
    states: steps.map((s, i) => ({
      '#meta': { index: toItf(i) },
      action: i === 0 ? toItf({ op: 'init', contexts: config.contexts, coroutines: config.coroutines }) : toItf(s.action),
      label: s.label,
      state: s.state,
    })),
  };
}
