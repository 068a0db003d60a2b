/**
 * cokit's public entry: the spec, the adapter contract, and the programmatic runner. Everything a user
 * embeds is exported here; the command line is `cokit` (cli/main.ts), the jest integration `cokit/jest`.
 */
export * from './spec';
export type { Adapter, AdapterMeta, Session } from './adapters/contract';
export { checkAdapter, checkSession } from './adapters/contract';
export { MUTANTS, type MutantInfo } from './adapters/mutants';
export { adapter as referenceAdapter } from './adapters/reference';
export { certify, type AdapterSource } from './conformance/certify';
export { formatCounterexample } from './conformance/counterexample/format';
export { writeReports } from './conformance/report/write';
export type { CertificationResult, CertifyOptions, ClauseResult, Counterexample, StepRecord, Verdict, ProgressEvent, UnusableAdapter } from './conformance/types';
