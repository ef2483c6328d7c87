// The HTML report in a real browser (headless Chromium, driven by
// playwright-core): every highlighted quote, clicked, shows its own card,
// whose source passage is the passage the JSON report names; the keyboard
// reaches the quotes; the page fits 320 px; screenshots for people.
//
//   node tests/browser/report.mjs REPORT.html REPORT.json SHOT.png [NARROW.png]
//
// NODE_PATH must reach playwright-core (.ci/run installs it under
// target/browser); CHROMIUM names the browser (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [html, json, shot, narrowShot] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(json, 'utf8')).quotes;
const squeeze = (s) => (s || '').replace(/\s+/g, ' ').trim();
let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures += 1;
    console.error('FAIL: ' + what);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(html));

  const marks = await page.$$('mark.q');
  check(marks.length === expected.length, `${marks.length} highlighted quotes, JSON has ${expected.length}`);
  for (let i = 0; i < marks.length; i++) {
    const q = expected[i];
    await marks[i].click();
    const shown = await page.$$eval('#panel .card', (cards) =>
      cards.filter((c) => !c.hidden).map((c) => c.id));
    check(shown.length === 1 && shown[0] === `card${i}`, `quote ${i}: cards shown ${shown}`);
    const card = await page.$(`#card${i}`);
    const badge = await card.$eval('h2 .badge', (b) => b.className);
    check(badge.includes(`v-${q.verdict}`), `quote ${i}: badge ${badge}, verdict ${q.verdict}`);
    if (q.matched_text !== null) {
      // The passage as the source has it: the quote's inserted words left out.
      const passage = await card.$eval('.passage .match', (m) => {
        const c = m.cloneNode(true);
        c.querySelectorAll('ins').forEach((n) => n.remove());
        return c.textContent;
      });
      check(squeeze(passage) === squeeze(q.matched_text),
        `quote ${i}: passage ${JSON.stringify(squeeze(passage))} != ${JSON.stringify(squeeze(q.matched_text))}`);
      const speaker = await card.$eval('dl', (d) => d.textContent);
      if (typeof q.source_speaker === 'string') {
        check(speaker.includes(q.source_speaker), `quote ${i}: speaker ${q.source_speaker} not in ${speaker}`);
      }
    } else {
      check((await card.$('.passage')) === null, `quote ${i}: a passage for a quote not found`);
    }
    for (const e of q.edits) {
      if (!e.cosmetic && e.op !== 'insert' && e.source_text) {
        const struck = await card.$$eval('.passage del', (ds) => ds.map((d) => d.textContent));
        check(struck.some((t) => squeeze(t) === squeeze(e.source_text)),
          `quote ${i}: "${e.source_text}" not struck (${struck})`);
      }
    }
  }

  // The keyboard: Tab reaches the first quote, Enter opens it, ArrowDown the next.
  await page.reload();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(focused === 'q0', `Tab focuses ${focused}, not the first quote`);
  await page.keyboard.press('Enter');
  check(await page.$eval('#card0', (c) => !c.hidden), 'Enter did not open the first card');
  if (marks.length > 1) {
    await page.keyboard.press('ArrowDown');
    check(await page.$eval('#card1', (c) => !c.hidden), 'ArrowDown did not open the second card');
  }

  // The screenshot people look at: the first quote with differences, open.
  const withDiffs = expected.findIndex((q) => q.edits.length > 0);
  await page.setViewportSize({ width: 1000, height: 660 });
  await page.reload();
  await (await page.$$('mark.q'))[withDiffs >= 0 ? withDiffs : 0].click();
  await page.screenshot({ path: shot });

  // 320 px wide: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await (await page.$$('mark.q'))[0].click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 320, `at 320 px the page is ${overflow} px wide`);
  if (narrowShot) await page.screenshot({ path: narrowShot });

  check(requests.length === 0, `the page fetched ${requests}`);
  check(errors.length === 0, `script errors: ${errors}`);
} finally {
  await browser.close();
}
if (failures) {
  console.error(`browser test: ${failures} failure(s)`);
  process.exit(1);
}
console.log(`browser test: ${expected.length} quotes clicked, each showed its passage; screenshot ${shot}`);
