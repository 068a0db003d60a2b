import { Scheduler, type Tracer } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'silent-yield',
  kills: 'CO0',
  summary: 'Does not report yields: a trace no specific clause covers, caught only by the refinement clause.',
};

/** The tracer loses `yielded` events; every guarantee of CO1–CO9 still holds. */
class SilentYield extends Scheduler {
  constructor(contexts: number, tracer: Tracer) {
    super(contexts, { ...bind(tracer), yielded: () => {} });
  }
}

function bind(t: Tracer): Tracer {
  return {
    entered: t.entered.bind(t),
    yielded: t.yielded.bind(t),
    terminated: t.terminated.bind(t),
    violation: t.violation.bind(t),
    aborted: t.aborted.bind(t),
  };
}

export const adapter = mutantAdapter(info, SilentYield);
export default adapter;
