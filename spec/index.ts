/**
 * The executable specification of the seed patch's guarantees. Imports nothing outside `spec/` and does no
 * I/O. Public entry: everything a consumer of the spec needs is exported here.
 */
export type { CoroutineId, ContextId } from './model/ids';
export { coName, ctxName } from './model/ids';
export type { Instruction, Program } from './model/program';
export { instructionToString, programToString } from './model/program';
export type { DriverOp, DriverOpKind } from './model/ops';
export { opToString } from './model/ops';
export type { Event, EntryKind, ErrorKind, ContractErrorKind, AdapterErrorKind } from './model/events';
export { eventToString, sameEvent, firstDifference, CONTRACT_ERROR_KINDS, ADAPTER_ERROR_KINDS } from './model/events';
export type { SessionConfig, ScheduleRecord, Caller, CoroutineState, CoroutineStatus, ContextState, State } from './model/state';
export { initialState, isLive } from './model/state';
export { whyNotEnabled, isEnabled } from './model/enabled';
export type { BhVisit, StepResult } from './model/step';
export { step } from './model/step';
export type { Clause, ClauseId, Profile, Level, SeedCitation, Divergence } from './clauses/Clause';
export { clauseTitle } from './clauses/Clause';
export { CLAUSES, CLAUSE_IDS, clauseById, LEVEL2_CLAUSES } from './clauses/registry';
export type { ExplorableModel, ExploreBounds, ExploreResult, ExploreStats, Invariant, Transition, TraceStep } from './explorer/types';
export { explore } from './explorer/explore';
export type { AtomicBounds } from './explorer/atomicConfig';
export { yieldPrograms } from './explorer/atomicConfig';
export type { AtomicLabel, AtomicNode } from './explorer/atomicModel';
export { atomicModel } from './explorer/atomicModel';
export { ATOMIC_INVARIANTS } from './explorer/invariants';
export type { IState, InterleavedBounds, Variant } from './interleaved/state';
export { VARIANTS, interleavedToString } from './interleaved/state';
export type { ILabel } from './interleaved/steps';
export { interleavedModel } from './interleaved/model';
export { iLabelToString } from './interleaved/print';
export type { Claim, Judgement } from './clauses/judge';
export { judge } from './clauses/judge';
export { stateToString } from './model/print';
export type { ConcurrentOp, ConcurrentProgram } from './interleaved/program';
export { concurrentOpToString, concurrentProgramToString, whyProgramInvalid } from './interleaved/program';
export { boundsOfProgram, isQuiescent } from './interleaved/model';
export { stepEvents } from './interleaved/observe';
export type { Explanation, ExplainOptions, SearchStats } from './interleaved/explain';
export { explainTrace } from './interleaved/explain';
export type { ConcurrentClaim, ConcurrentJudgement } from './clauses/judgeConcurrent';
export { judgeConcurrent } from './clauses/judgeConcurrent';
export type { ReportedStep, ReplayedStep, Replay } from './interleaved/replay';
export { replayInterleaved } from './interleaved/replay';
export type { InterleavedJudgement } from './clauses/judgeInterleaved';
export { judgeInterleaved } from './clauses/judgeInterleaved';
export { threadName } from './interleaved/state';
