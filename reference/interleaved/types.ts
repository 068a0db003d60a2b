/**
 * The vocabulary of the stepped reference (level 2). Like the rest of `reference/`, it imports nothing of
 * cokit's: an adapter translates (the shapes are the contract's, so the translation is the identity).
 */

/** The seed's atomic steps, named as the contract names them. */
export type SeedStep =
  | 'take'
  | 'start-schedule'
  | 'start-enter'
  | 'mark'
  | 'publish'
  | 'arm'
  | 'read-mark'
  | 'check-caller'
  | 'set-caller'
  | 'clear-mark'
  | 'switch'
  | 'yield';

export type SteppedViolation = 'recursive-entry' | 'entry-after-termination' | 'scheduled-elsewhere' | 'double-schedule';

export type SteppedEvent =
  | { readonly ev: 'entered'; readonly co: number; readonly ctx: number; readonly by: 'direct' | 'bh' }
  | { readonly ev: 'yielded'; readonly co: number }
  | { readonly ev: 'terminated'; readonly co: number }
  | { readonly ev: 'error'; readonly kind: SteppedViolation; readonly co: number; readonly message: string };

/** What one step did. `co` is -1 for a BH's `take`. */
export interface StepOutcome {
  readonly step: SeedStep;
  readonly co: number;
  readonly events: readonly SteppedEvent[];
}

export type SteppedOp = { readonly op: 'schedule'; readonly co: number; readonly ctx: number } | { readonly op: 'enter'; readonly co: number; readonly from: number };

/** Coroutines that yield `yields` times then terminate; contexts with a BH thread each; driver threads. */
export interface SteppedProgram {
  readonly coroutines: number;
  readonly contexts: number;
  readonly yields: number;
  readonly drivers: readonly (readonly SteppedOp[])[];
}
