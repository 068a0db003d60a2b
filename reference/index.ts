/** The bundled reference scheduler. Imports nothing of cokit's. */
export { Scheduler, type Violation } from './Scheduler';
export { Coroutine, type CoroutineBody, type CallerRef, AioContext, type ScheduleRecord } from './structs';
export type { CoQueue } from './queues';
export type { Tracer, ViolationKind, CoroutineStatus, AbortReason } from './types';
export { StrictScheduler, SchedulerAbort } from './strict/StrictScheduler';
export { SteppedScheduler, PAUSE, type StepPoint, type StepRecord } from './interleaved/SteppedScheduler';
export type { SeedStep, SteppedEvent, SteppedOp, SteppedProgram, SteppedViolation, StepOutcome } from './interleaved/types';
