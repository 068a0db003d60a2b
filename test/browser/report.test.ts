import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { certify } from '../../conformance/certify';
import { writeReports } from '../../conformance/report/write';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
/** Where the counterexample's picture is left for a person to look at: an ignored folder, so a test run leaves the checkout clean. */
const SCREENSHOT = join(__dirname, '..', '..', 'cokit-out', 'browser', 'lifo-report.png');

/** The HTML report in a real browser: Debian's Chromium, headless, no network. */
(present ? describe : describe.skip)(present ? 'report.html in Chromium' : `report.html in Chromium — SKIPPED: ${CHROMIUM} is absent (apt-get install chromium)`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => browser?.close());

  it('draws the lifo counterexample: the out-of-order BH deliveries, the diverging step, the replay command', async () => {
    const r = await certify({ kind: 'module', ref: 'lifo' }, { adapter: 'lifo', runsPerClause: 50, seed: 1, opTimeoutMs: 250, clauses: ['CO4'] });
    if ('kind' in r) throw new Error(r.problem);
    const dir = mkdtempSync(join(tmpdir(), 'cokit-html-'));
    writeReports(r, dir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${join(dir, 'report.html')}`);
    await expect(page.locator('tr[data-clause="CO4"] td.fail').textContent()).resolves.toBe('FAIL');
    const bh = page.locator('#cx-CO4 g[data-event="bh"][data-diverged="true"]');
    const delivered = await bh.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-co'))));
    const last = r.clauses[0]?.counterexample?.steps.at(-1);
    const bhOrder = (es: readonly { ev: string; by?: string; co: number }[] = []): number[] => es.filter((e) => e.ev === 'entered' && e.by === 'bh').map((e) => e.co);
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    expect(delivered).toEqual(bhOrder(last?.observed));
    expect(delivered).not.toEqual(bhOrder(last?.expected));
    await expect(page.locator('#cx-CO4 rect[data-diverged="true"]').count()).resolves.toBe(1);
    await expect(page.locator('#cx-CO4 code.replay').textContent()).resolves.toMatch(/^npx cokit certify lifo --clause CO4 --seed 1 --path \S+/);
    await page.locator('#cx-CO4').screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });

  it('draws a level-2 counterexample as thread lanes: a column per BH and driver thread, a row per step, the violating step marked', async () => {
    const r = await certify({ kind: 'module', ref: 'publish-before-mark' }, { adapter: 'publish-before-mark', runsPerClause: 50, seed: 1, opTimeoutMs: 250, clauses: ['CO7'] });
    if ('kind' in r) throw new Error(r.problem);
    const cx = r.clauses[0]?.interleaving;
    if (cx === undefined) throw new Error('publish-before-mark passed CO7');
    const dir = mkdtempSync(join(tmpdir(), 'cokit-html-'));
    writeReports(r, dir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(`file://${join(dir, 'report.html')}`);
    const lanes = page.locator('#cx-L2-CO7 svg.lanes');
    await expect(lanes.locator('text[data-lane]').allTextContents()).resolves.toEqual(['bh@x0', 'T0', 'T1']);
    const rows = await lanes.locator('g[data-step]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-thread'), g.getAttribute('data-diverged') === 'true']));
    expect(rows).toEqual(cx.steps.map((s) => [s.thread, s.diverged]));
    expect(rows.filter(([, d]) => d)).toHaveLength(1);
    await page.locator('#cx-L2-CO7').screenshot({ path: join(SCREENSHOT, '..', 'publish-before-mark-lanes.png') });
    await page.close();
  });
});
