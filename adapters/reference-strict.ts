import { StrictScheduler } from '../reference';
import { KIT_VERSION, schedulerAdapter } from './schedulerAdapter';

/** The bundled strict reference scheduler (upstream QEMU since 6133b39f), behind the adapter contract. */
export const adapter = schedulerAdapter(
  { name: 'reference-strict', version: KIT_VERSION, profile: 'strict', levels: [1], description: 'Upstream QEMU since 6133b39f: scheduling or entering a coroutine with a pending schedule aborts' },
  StrictScheduler,
);
export default adapter;
