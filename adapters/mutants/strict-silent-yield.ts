import { StrictScheduler, type Tracer } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-silent-yield',
  kills: 'ST0',
  profile: 'strict',
  summary: 'The strict scheduler does not report yields: a trace no specific strict clause covers, caught only by the refinement clause.',
};

/** The tracer loses `yielded` events; every other strict guarantee holds. */
class StrictSilentYield extends StrictScheduler {
  constructor(contexts: number, tracer: Tracer) {
    super(contexts, { entered: tracer.entered.bind(tracer), yielded: () => {}, terminated: tracer.terminated.bind(tracer), violation: tracer.violation.bind(tracer), aborted: tracer.aborted.bind(tracer) });
  }
}

export const adapter = mutantAdapter(info, StrictSilentYield);
export default adapter;
