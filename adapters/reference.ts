import { Scheduler, SteppedScheduler } from '../reference';
import { KIT_VERSION, schedulerAdapter } from './schedulerAdapter';

/** The bundled reference scheduler, behind the adapter contract. */
export const adapter = schedulerAdapter(
  { name: 'reference', version: KIT_VERSION, profile: 'cancel', levels: [1, 2], description: 'The patched QEMU semantics (records as marks); level 2 stops at each of the seed\'s atomic steps' },
  Scheduler,
  SteppedScheduler,
);
export default adapter;
