import type { MutantInfo } from './mutant';
import { info as noEntryCheck } from './strict-no-entry-check';
import { info as reportAndContinue } from './strict-report-and-continue';
import { info as noClear } from './strict-no-clear';
import { info as lifo } from './strict-lifo';
import { info as noRecursionAbort } from './strict-no-recursion-abort';
import { info as noTerminationCheck } from './strict-no-termination-check';
import { info as abortContinues } from './strict-abort-continues';
import { info as silentYield } from './strict-silent-yield';

/** Profile `strict`'s broken schedulers (each a one-method change of the strict reference), in clause order. */
export const STRICT_MUTANTS: readonly MutantInfo[] = [noEntryCheck, reportAndContinue, noClear, lifo, noRecursionAbort, noTerminationCheck, abortContinues, silentYield];
