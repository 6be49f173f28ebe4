// What the portal's browser tests share: the portal built and served on loopback, headless
// Chromium (Debian's `chromium`, or `$CHROMIUM`), checks that stop the test on the first
// mismatch, and the regulator's page compared with the JSON-RPC.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { date, inr } from '../src/format.js';

/** Longest wait for any one condition (CI machines are slow). */
export const DEADLINE_MS = 240_000;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const say = (text) => console.log(`portal test: ${text}`);
/** Says `what` if `ok`; otherwise stops the test with it. */
export const check = (ok, what) => { if (!ok) throw new Error(`mismatch: ${what}`); say(`ok: ${what}`); };

/** A failure anywhere (an unhandled rejection included) fails the test with its stack. */
export function failOnError() {
  for (const event of ['uncaughtException', 'unhandledRejection']) {
    process.on(event, (e) => { console.error(`\nportal test: FAILED: ${e?.stack ?? e}`); process.exit(1); });
  }
}

/** Builds the portal, serves it on a free loopback port, launches Chromium: `{base, server, browser}`. */
export async function openPortal() {
  const portal = fileURLToPath(new URL('..', import.meta.url));
  await run('npx', ['vite', 'build', '--logLevel', 'warn'], portal);
  const server = spawn('node', ['serve.mjs', '0'], { cwd: portal, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(String(d)); if (m) resolve(m[1]); });
    server.on('exit', (code) => reject(new Error(`the portal's server stopped (${code})`)));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { base, server, browser };
}

/**
 * A page of the portal served at `base` in `context` (a browser or a browser context) against
 * the node at `node`, once it follows the chain; `dev` offers the development accounts. The
 * page's own errors are printed.
 */
export async function openPage(context, base, node, { dev = false } = {}) {
  const page = await context.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}?node=${encodeURIComponent(node)}${dev ? '&dev=1' : ''}`);
  await page.waitForSelector('#connection[data-status=ready]', { timeout: DEADLINE_MS });
  return page;
}

/**
 * Runs `steps()` against the open portal (`openPortal`'s answer); if a step fails, saves what
 * every open page showed (`failure-N.png` in `shots`) for the failure's reader and fails with
 * it. Closes the browser and the server either way.
 */
export async function drive({ browser, server }, shots, steps) {
  try {
    await steps();
  } catch (e) {
    for (const [i, open] of browser.contexts().flatMap((c) => c.pages()).entries()) {
      await open.screenshot({ path: join(shots, `failure-${i}.png`), fullPage: true }).catch(() => {});
    }
    throw e;
  } finally {
    await browser.close();
    server.kill();
  }
}

/**
 * The regulator's dues table (on `page`, the regulator's view) against `settlement_dues` and
 * `defaults_status` at the block the page says it shows, for every registered buyer. Returns
 * `{shown, buyers}`: the table as read and the buyers (`{address, p}`).
 */
export async function regulatorMatchesRpc(page, api) {
  const buyers = (await api.query.registry.participants.entries())
    .map(([k, v]) => ({ address: k.args[0].toString(), p: v.unwrap() }))
    .filter(({ p }) => p.roles.some((r) => r.toString() === 'Buyer'));
  await page.waitForFunction((n) => document.querySelectorAll('#dues-table tbody tr').length === n, buyers.length, { timeout: DEADLINE_MS });
  const shown = await page.evaluate(() => ({
    block: Number(document.querySelector('#regulator-discoms .as-of').dataset.block),
    rows: [...document.querySelectorAll('#dues-table tbody tr')].map((tr) => ({
      key: tr.dataset.key, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
    })),
  }));
  const at = await api.rpc.chain.getBlockHash(shown.block);
  for (const { address, p } of buyers) {
    const dues = (await api.rpc.settlement.dues(address, 'buyer', at)).toJSON();
    const status = (await api.rpc.defaults.status(address, at)).toJSON();
    const row = shown.rows.find((r) => r.key === address);
    const expected = [
      p.name.toUtf8(), inr(dues.outstanding), inr(dues.ageing.current), inr(dues.ageing.days1To30),
      inr(dues.ageing.days31To60), inr(dues.ageing.days61To90), inr(dues.ageing.over90), inr(dues.lps), inr(dues.disputed),
      status.inDefault ? `In default since ${date(status.inDefaultSince)}` : 'Not in default',
    ];
    check(row && JSON.stringify(row.cells.slice(0, expected.length)) === JSON.stringify(expected),
      `the regulator's page shows ${p.name.toUtf8()}'s dues and default status as settlement_dues and defaults_status at block #${shown.block} (${row?.cells.slice(0, 2).join(': ')})`);
  }
  return { shown, buyers };
}

/** Runs `program` with `args` in `cwd`; rejects if it fails. */
export function run(program, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} failed (${code})`))));
  });
}
