import { Scheduler } from '../reference';
import { KIT_VERSION, schedulerAdapter } from './schedulerAdapter';

/** The bundled reference scheduler, behind the adapter contract. */
export const adapter = schedulerAdapter(
  { name: 'reference', version: KIT_VERSION, profile: 'cancel', levels: [1], description: 'The patched QEMU semantics (records as marks)' },
  Scheduler,
);
export default adapter;
