import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificationResult } from '../types';
import { renderBadge } from './badge';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderHtmlReport } from './html';
import { counterexampleToItf } from '../itf/itf';

/**
 * Write report.json, report.html, junit.xml, counterexamples/<clause>.itf.json and (only when it conforms)
 * badge.svg into `dir`; a stale badge is removed.
 */
export function writeReports(result: CertificationResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(join(dir, name), text);
    written.push(join(dir, name));
  };
  put('report.json', renderJson(result));
  put('junit.xml', renderJunit(result));
  put('report.html', renderHtmlReport(result));
  for (const c of result.clauses) {
    if (c.counterexample === undefined) continue;
    mkdirSync(join(dir, 'counterexamples'), { recursive: true });
    put(join('counterexamples', `${c.clause}.itf.json`), `${JSON.stringify(counterexampleToItf(c.counterexample), null, 2)}\n`);
  }
  const badge = renderBadge(result);
  if (badge === null) rmSync(join(dir, 'badge.svg'), { force: true });
  else put('badge.svg', badge);
  return written;
}
