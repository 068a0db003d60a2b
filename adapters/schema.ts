import type { default as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { DriverOp, Event, ILabel } from '../spec';

/** The shape `STEP_REPORT_SCHEMA` accepts (the contract's `StepReport`). */
interface StepReportShape {
  readonly step: ILabel['step'];
  readonly co: number;
  readonly events: readonly Event[];
}

/**
 * JSON Schemas of everything that crosses the adapter boundary. They are the single source for run-time
 * validation here and in the process protocol; the TypeScript types in `spec/` are their static mirror.
 */
const id = { type: 'integer', minimum: 0 } as const;

export const EVENT_SCHEMA = {
  $id: 'cokit:event',
  type: 'object',
  // The tag picks the one branch to check: every event is validated once, not against each kind.
  discriminator: { propertyName: 'ev' },
  oneOf: [
    {
      type: 'object',
      required: ['ev', 'co', 'ctx', 'by'],
      additionalProperties: false,
      properties: { ev: { const: 'entered' }, co: id, ctx: id, by: { enum: ['direct', 'bh'] } },
    },
    { type: 'object', required: ['ev', 'co'], additionalProperties: false, properties: { ev: { const: 'yielded' }, co: id } },
    { type: 'object', required: ['ev', 'co'], additionalProperties: false, properties: { ev: { const: 'terminated' }, co: id } },
    {
      type: 'object',
      required: ['ev', 'kind', 'co', 'message'],
      additionalProperties: false,
      properties: {
        ev: { const: 'error' },
        kind: {
          enum: ['recursive-entry', 'entry-after-termination', 'scheduled-elsewhere', 'double-schedule', 'crash', 'timeout', 'protocol'],
        },
        co: id,
        message: { type: 'string' },
      },
    },
    {
      type: 'object',
      required: ['ev', 'kind', 'co', 'message'],
      additionalProperties: false,
      properties: { ev: { const: 'abort' }, kind: { enum: ['already-scheduled', 'recursive-entry'] }, co: id, message: { type: 'string' } },
    },
  ],
} as const;

export const EVENTS_SCHEMA = { $id: 'cokit:events', type: 'array', items: { $ref: 'cokit:event' } } as const;

const INSTRUCTION_SCHEMA = {
  oneOf: [
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'yield' } } },
    { type: 'object', required: ['kind', 'target', 'ctx'], additionalProperties: false, properties: { kind: { const: 'schedule' }, target: id, ctx: id } },
    { type: 'object', required: ['kind', 'target'], additionalProperties: false, properties: { kind: { const: 'enter' }, target: id } },
    { type: 'object', required: ['kind', 'target'], additionalProperties: false, properties: { kind: { const: 'wake' }, target: id } },
  ],
} as const;

export const DRIVER_OP_SCHEMA = {
  $id: 'cokit:op',
  oneOf: [
    {
      type: 'object',
      required: ['op', 'co', 'program'],
      additionalProperties: false,
      properties: { op: { const: 'create' }, co: id, program: { type: 'array', items: INSTRUCTION_SCHEMA } },
    },
    { type: 'object', required: ['op', 'co', 'from'], additionalProperties: false, properties: { op: { const: 'enter' }, co: id, from: id } },
    {
      type: 'object',
      required: ['op', 'co', 'ctx', 'from'],
      additionalProperties: false,
      properties: { op: { const: 'schedule' }, co: id, ctx: id, from: id },
    },
    { type: 'object', required: ['op', 'ctx'], additionalProperties: false, properties: { op: { const: 'poll' }, ctx: id } },
  ],
} as const;

export const META_SCHEMA = {
  $id: 'cokit:meta',
  type: 'object',
  required: ['name', 'version', 'profile', 'levels'],
  properties: {
    name: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    profile: { enum: ['cancel', 'strict'] },
    levels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [1, 2, 3] } },
    description: { type: 'string' },
  },
} as const;

export const STEP_NAMES = ['take', 'start-schedule', 'start-enter', 'mark', 'publish', 'arm', 'read-mark', 'check-caller', 'set-caller', 'clear-mark', 'switch', 'yield'] as const;

/** What a level-2 session's `step(thread)` returns. */
export const STEP_REPORT_SCHEMA = {
  $id: 'cokit:step-report',
  type: 'object',
  required: ['step', 'co', 'events'],
  additionalProperties: false,
  properties: { step: { enum: STEP_NAMES }, co: { type: 'integer', minimum: -1 }, events: { $ref: 'cokit:events' } },
} as const;

/** What a level-2 session's `runnable()` returns: thread numbers, ascending, no repeats. */
export const RUNNABLE_SCHEMA = { $id: 'cokit:runnable', type: 'array', uniqueItems: true, items: id } as const;

/**
 * Ajv is loaded, and each validator compiled, on first use: a worker thread that hosts an adapter (and is
 * replaced after every hang) starts without it, so replacing it costs the start of a thread, not a compiler.
 */
let ajvInstance: AjvClass | null = null;
function ajv(): AjvClass {
  if (ajvInstance === null) {
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    ajvInstance = new Ajv({ allErrors: false, strict: true, discriminator: true });
    // Referenced by others (`cokit:events` by the step report), so registered before anything compiles.
    ajvInstance.addSchema(EVENT_SCHEMA);
    ajvInstance.addSchema(EVENTS_SCHEMA);
  }
  return ajvInstance;
}
const lazy = <T>(schema: object | string): (() => ValidateFunction<T>) => {
  let fn: ValidateFunction<T> | null = null;
  return () => {
    if (fn === null) {
      const got = typeof schema === 'string' ? ajv().getSchema<T>(schema) : ajv().compile<T>(schema);
      if (got === undefined) throw new Error(`internal: schema ${String(schema)} is not registered`);
      fn = got;
    }
    return fn;
  };
};
const eventList = lazy<Event[]>(EVENTS_SCHEMA.$id);
const driverOp = lazy<DriverOp>(DRIVER_OP_SCHEMA);
const meta = lazy<unknown>(META_SCHEMA);
const stepReport = lazy<StepReportShape>(STEP_REPORT_SCHEMA);
const runnable = lazy<number[]>(RUNNABLE_SCHEMA);

/** A readable account of the first schema error: where (a JSON pointer) and what. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (e === undefined) return 'invalid';
  const where = e.instancePath === '' ? (e.message?.startsWith('value of tag') === true ? 'the' : 'the value') : e.instancePath;
  return `${where} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` (${JSON.stringify(e.params)})` : ''}`;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function checkEvents(value: unknown): Checked<Event[]> {
  const validateEventList = eventList();
  return validateEventList(value) ? { ok: true, value } : { ok: false, problem: describeSchemaErrors(validateEventList.errors) };
}

export function checkOp(value: unknown): Checked<DriverOp> {
  const validateOp = driverOp();
  return validateOp(value) ? { ok: true, value } : { ok: false, problem: describeSchemaErrors(validateOp.errors) };
}

export function checkMeta(value: unknown): string | null {
  const validateMetaFn = meta();
  return validateMetaFn(value) ? null : describeSchemaErrors(validateMetaFn.errors);
}

export function checkStepReport(value: unknown): Checked<StepReportShape> {
  const validateStepReport = stepReport();
  return validateStepReport(value) ? { ok: true, value } : { ok: false, problem: describeSchemaErrors(validateStepReport.errors) };
}

export function checkRunnable(value: unknown): Checked<number[]> {
  const validateRunnable = runnable();
  return validateRunnable(value) ? { ok: true, value } : { ok: false, problem: describeSchemaErrors(validateRunnable.errors) };
}
