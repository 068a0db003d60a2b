import type { MutantInfo } from './mutant';
import { info as noCancel } from './no-cancel';
import { info as resumeCancelled } from './resume-cancelled';
import { info as noTerminationCheck } from './no-termination-check';
import { info as lostWakeup } from './lost-wakeup';
import { info as doubleDelivery } from './double-delivery';
import { info as lifo } from './lifo';
import { info as crossContext } from './cross-context';
import { info as noRecursionCheck } from './no-recursion-check';
import { info as seedLiteralList } from './seed-literal-list';
import { info as droppedReschedule } from './dropped-reschedule';
import { info as silentYield } from './silent-yield';
import { info as publishBeforeMark } from './publish-before-mark';
import { info as unmarkBeforeCaller } from './unmark-before-caller';
import { info as forgottenRearm } from './forgotten-rearm';
import { info as lateRecordsOvertaken } from './late-records-overtaken';
import { info as reversalFromFour } from './reversal-from-four';
import { info as wakeupsAsStack } from './wakeups-as-stack';
import { info as wakeupsAppended } from './wakeups-appended';
import { STRICT_MUTANTS } from './strict-index';

export type { MutantInfo } from './mutant';

/** The broken schedulers the suites must reject; each module is `adapters/mutants/<name>.ts`. */
export const MUTANTS: readonly MutantInfo[] = [
  noCancel,
  resumeCancelled,
  noTerminationCheck,
  lostWakeup,
  doubleDelivery,
  lifo,
  crossContext,
  noRecursionCheck,
  seedLiteralList,
  droppedReschedule,
  silentYield,
  publishBeforeMark,
  unmarkBeforeCaller,
  forgottenRearm,
  lateRecordsOvertaken,
  reversalFromFour,
  wakeupsAsStack,
  wakeupsAppended,
  ...STRICT_MUTANTS,
];

export const mutantByName = (name: string): MutantInfo | undefined => MUTANTS.find((m) => m.name === name);
