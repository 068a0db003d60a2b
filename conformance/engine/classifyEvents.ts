import type { Event } from '../../spec';
import { checkEvents } from '../../adapters/schema';
import type { ConcurrentReply, StepReply } from './host';

/**
 * Validate what an adapter's `apply` returned. A wrong shape makes the adapter unusable (a string naming
 * the problem); an event of an adapter error kind (crash, timeout, protocol) is that adapter's own report
 * of a fault and becomes the step's outcome.
 */
export function classifyEvents(value: unknown, where: string): StepReply | string {
  const checked = checkEvents(value);
  if (!checked.ok) return `${where}: apply() returned events of the wrong shape: ${checked.problem.replace(/^\//, 'event /')}`;
  const fault = checked.value.find((e): e is Extract<Event, { ev: 'error' }> => e.ev === 'error' && (e.kind === 'crash' || e.kind === 'timeout' || e.kind === 'protocol'));
  if (fault === undefined) return { outcome: 'completed', events: checked.value };
  if (fault.kind === 'timeout') return { outcome: 'timeout', ms: 0, reported: fault.message };
  return { outcome: 'crash', message: `${fault.kind}: ${fault.message}` };
}

/** Validate what `runConcurrent` returned: events, the adapter's own fault report, or a malformed answer. */
export function classifyConcurrentEvents(value: unknown, where: string): ConcurrentReply {
  const checked = checkEvents(value);
  if (!checked.ok) return { kind: 'malformed', problem: `${where}: runConcurrent() returned events of the wrong shape: ${checked.problem.replace(/^\//, 'event /')}` };
  const fault = checked.value.find((e): e is Extract<Event, { ev: 'error' }> => e.ev === 'error' && (e.kind === 'crash' || e.kind === 'timeout' || e.kind === 'protocol'));
  if (fault !== undefined) return { kind: 'fault', outcome: fault.kind === 'timeout' ? 'timeout' : 'crash', message: `${fault.kind}: ${fault.message}` };
  return { kind: 'events', events: checked.value };
}
