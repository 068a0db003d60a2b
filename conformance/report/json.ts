import type { CertificationResult } from '../types';

/** The version of report.json's layout; bump when a field changes meaning. */
export const REPORT_FORMAT = 1;

/** report.json: everything needed to re-run the certification and to read its verdicts. */
export function renderJson(result: CertificationResult): string {
  return `${JSON.stringify({ format: REPORT_FORMAT, ...result }, null, 2)}\n`;
}
