import type { ClauseId } from '../../spec';
import type { Adapter } from '../contract';
import { KIT_VERSION, schedulerAdapter, type SchedulerClass } from '../schedulerAdapter';

/** A deliberately broken scheduler: a one-method change of the reference, and the clause meant to kill it. */
export interface MutantInfo {
  readonly name: string;
  /** The clause whose suite must reject it. */
  readonly kills: ClauseId;
  readonly summary: string;
}

export function mutantAdapter(info: MutantInfo, Impl: SchedulerClass): Adapter {
  return schedulerAdapter({ name: `mutant:${info.name}`, version: KIT_VERSION, profile: 'cancel', levels: [1], description: info.summary }, Impl);
}
