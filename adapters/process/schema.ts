import Ajv, { type ValidateFunction } from 'ajv';
import type { Event } from '../../spec';
import type { AdapterMeta, StepName } from '../contract';
import { describeSchemaErrors, DRIVER_OP_SCHEMA, EVENT_SCHEMA, META_SCHEMA, RUNNABLE_SCHEMA, STEP_NAMES } from '../schema';

/**
 * JSON Schemas of the process protocol's messages (PROTOCOL.md). The payloads reuse the adapter contract's
 * schemas, so a child is held to exactly what an in-process adapter is held to.
 */
const reqId = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

export const CHILD_MESSAGE_SCHEMA = {
  $id: 'cokit:child-message',
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      type: 'object',
      required: ['type', 'protocol', 'meta'],
      additionalProperties: false,
      properties: {
        type: { const: 'hello' },
        protocol: { type: 'integer' },
        meta: { $ref: 'cokit:meta' },
        features: { type: 'array', uniqueItems: true, items: { enum: ['session'] } },
      },
    },
    { type: 'object', required: ['type', 'id'], additionalProperties: false, properties: { type: { const: 'opened' }, id: reqId } },
    {
      type: 'object',
      required: ['type', 'id', 'events'],
      additionalProperties: false,
      properties: { type: { const: 'applied' }, id: reqId, events: { type: 'array', items: { type: 'array', items: { $ref: 'cokit:event' } } } },
    },
    { type: 'object', required: ['type', 'id'], additionalProperties: false, properties: { type: { const: 'closed' }, id: reqId } },
    {
      type: 'object',
      required: ['type', 'id', 'events'],
      additionalProperties: false,
      properties: { type: { const: 'ran' }, id: reqId, events: { type: 'array', items: { $ref: 'cokit:event' } } },
    },
    {
      type: 'object',
      required: ['type', 'id', 'events'],
      additionalProperties: false,
      properties: { type: { const: 'session-done' }, id: reqId, events: { type: 'array', items: { type: 'array', items: { $ref: 'cokit:event' } } } },
    },
    {
      type: 'object',
      required: ['type', 'id', 'end', 'steps'],
      additionalProperties: false,
      properties: {
        type: { const: 'stepped' },
        id: reqId,
        end: { enum: ['completed', 'step-limit'] },
        steps: {
          type: 'array',
          items: {
            type: 'object',
            required: ['runnable', 'thread', 'step', 'co', 'events'],
            additionalProperties: false,
            properties: {
              runnable: { $ref: 'cokit:runnable' },
              thread: { type: 'integer', minimum: 0 },
              step: { enum: STEP_NAMES },
              co: { type: 'integer', minimum: -1 },
              events: { type: 'array', items: { $ref: 'cokit:event' } },
            },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['type', 'message'],
      additionalProperties: false,
      properties: { type: { const: 'error' }, id: reqId, message: { type: 'string' } },
    },
  ],
} as const;

const cid = { type: 'integer', minimum: 0 } as const;

const SESSION_CONFIG_SCHEMA = {
  type: 'object',
  required: ['contexts', 'coroutines'],
  additionalProperties: false,
  properties: { contexts: { type: 'integer', minimum: 1 }, coroutines: { type: 'integer', minimum: 0 } },
} as const;

/** A concurrent program (levels 2 and 3): `spec/interleaved/program.ts`. */
export const CONCURRENT_PROGRAM_SCHEMA = {
  type: 'object',
  required: ['coroutines', 'contexts', 'yields', 'drivers'],
  additionalProperties: false,
  properties: {
    coroutines: { type: 'integer', minimum: 1 },
    contexts: { type: 'integer', minimum: 1 },
    yields: { type: 'integer', minimum: 0 },
    drivers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'array',
        items: {
          oneOf: [
            { type: 'object', required: ['op', 'co', 'ctx'], additionalProperties: false, properties: { op: { const: 'schedule' }, co: cid, ctx: cid } },
            { type: 'object', required: ['op', 'co', 'from'], additionalProperties: false, properties: { op: { const: 'enter' }, co: cid, from: cid } },
          ],
        },
      },
    },
  },
} as const;

/** What cokit sends: kept as a schema too, so PROTOCOL.md and the tests check the same shapes. */
export const PARENT_MESSAGE_SCHEMA = {
  $id: 'cokit:parent-message',
  oneOf: [
    {
      type: 'object',
      required: ['type', 'id', 'config'],
      additionalProperties: false,
      properties: { type: { const: 'open' }, id: reqId, config: SESSION_CONFIG_SCHEMA },
    },
    { type: 'object', required: ['type', 'id', 'ops'], additionalProperties: false, properties: { type: { const: 'apply' }, id: reqId, ops: { type: 'array', items: { $ref: 'cokit:op' } } } },
    { type: 'object', required: ['type', 'id'], additionalProperties: false, properties: { type: { const: 'close' }, id: reqId } },
    {
      type: 'object',
      required: ['type', 'id', 'config', 'ops'],
      additionalProperties: false,
      properties: { type: { const: 'session' }, id: reqId, config: SESSION_CONFIG_SCHEMA, ops: { type: 'array', items: { $ref: 'cokit:op' } } },
    },
    {
      type: 'object',
      required: ['type', 'id', 'program', 'seed'],
      additionalProperties: false,
      properties: { type: { const: 'run-concurrent' }, id: reqId, program: CONCURRENT_PROGRAM_SCHEMA, seed: { type: 'integer' } },
    },
    {
      type: 'object',
      required: ['type', 'id', 'program', 'choices', 'maxSteps'],
      additionalProperties: false,
      properties: {
        type: { const: 'run-interleaved' },
        id: reqId,
        program: CONCURRENT_PROGRAM_SCHEMA,
        choices: { type: 'array', items: { type: 'integer', minimum: 0 } },
        maxSteps: { type: 'integer', minimum: 0 },
      },
    },
  ],
} as const;

/** The protocol version this cokit speaks. */
export const PROTOCOL_VERSION = 1;

export type ChildMessage =
  | { readonly type: 'hello'; readonly protocol: number; readonly meta: AdapterMeta; readonly features?: readonly 'session'[] }
  | { readonly type: 'opened'; readonly id: number }
  | { readonly type: 'applied'; readonly id: number; readonly events: readonly (readonly Event[])[] }
  | { readonly type: 'closed'; readonly id: number }
  | { readonly type: 'ran'; readonly id: number; readonly events: readonly Event[] }
  | { readonly type: 'session-done'; readonly id: number; readonly events: readonly (readonly Event[])[] }
  | { readonly type: 'stepped'; readonly id: number; readonly end: 'completed' | 'step-limit'; readonly steps: readonly SteppedLine[] }
  | { readonly type: 'error'; readonly id?: number; readonly message: string };

/** One step of a `stepped` reply, as the child writes it: the contract's `InterleavedRunStep`, flattened. */
export interface SteppedLine {
  readonly runnable: readonly number[];
  readonly thread: number;
  readonly step: StepName;
  readonly co: number;
  readonly events: readonly Event[];
}

/** One line from the child, classified: a valid message, or why it is not one. */
export type ParsedLine =
  | { readonly kind: 'message'; readonly message: ChildMessage }
  | { readonly kind: 'garbled'; readonly problem: string }
  | { readonly kind: 'invalid'; readonly problem: string };

const ajv = new Ajv({ allErrors: false, strict: true, strictTuples: false, discriminator: true });
ajv.addSchema(EVENT_SCHEMA);
ajv.addSchema(META_SCHEMA);
ajv.addSchema(DRIVER_OP_SCHEMA);
ajv.addSchema(RUNNABLE_SCHEMA);
const validateChild = ajv.compile(CHILD_MESSAGE_SCHEMA) as ValidateFunction<ChildMessage>;
export const validateParentMessage = ajv.compile(PARENT_MESSAGE_SCHEMA);

const excerpt = (s: string): string => (s.length > 80 ? `${JSON.stringify(s.slice(0, 80))}…` : JSON.stringify(s));

/**
 * Parse and validate one line the child printed. Never throws: whatever the bytes, the answer is a message
 * or a named problem (a garbled line is not JSON; an invalid one is JSON the schema rejects).
 */
export function parseChildLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { kind: 'garbled', problem: `not JSON: ${excerpt(line)} (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    if (validateChild(value)) return { kind: 'message', message: value };
    return { kind: 'invalid', problem: `schema violation in ${excerpt(line)}: ${describeSchemaErrors(validateChild.errors)}` };
  } catch (e) {
    return { kind: 'invalid', problem: `unvalidatable message ${excerpt(line)}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
