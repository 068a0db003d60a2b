import type { Clause } from '../clauses/Clause';
import { ST0 } from './clauses/ST0-trace-refinement';
import { ST1 } from './clauses/ST1-abort-on-pending-entry';
import { ST2 } from './clauses/ST2-abort-on-double-schedule';
import { ST3 } from './clauses/ST3-delivery';
import { ST4 } from './clauses/ST4-fifo';
import { ST5 } from './clauses/ST5-abort-on-recursive-entry';
import { ST6 } from './clauses/ST6-no-entry-after-termination';
import { ST7 } from './clauses/ST7-abort-is-final';
import { ST8 } from './clauses/ST8-one-compare-and-swap';
import { ST9 } from './clauses/ST9-mark-before-publish';

/**
 * Profile `strict`'s clauses (upstream QEMU since 6133b39f), in id order. ST8 and ST9 are level 2: checked on
 * the strict interleaved model (`cokit check --model interleaved --profile strict`).
 */
export const STRICT_CLAUSES: readonly Clause[] = [ST0, ST1, ST2, ST3, ST4, ST5, ST6, ST7, ST8, ST9];
