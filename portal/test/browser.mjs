// The portal in a real headless Chromium against a node on the demo preset:
//
//   node test/browser.mjs ws://127.0.0.1:9944 <screenshot directory>
//
// Makes the state it needs through @polkadot/api first (the demo grid's clock set to 1,800x;
// TANGEDCO requisitions a day of its PPA with Adani, NRLDC finalizes and meters it, the bill is
// presented; then the clock runs in real time so that nothing moves under the page), builds
// and serves the portal, and checks that:
//   - the regulator's page shows the same dues, ageing, LPS and default status as the JSON-RPC
//     (`settlement_dues`, `defaults_status`) at the block the page says it shows;
//   - a discom's requisition made through the form is held on chain as typed;
//   - a refused call shows the chain's error name in words;
//   - the pay action pays the bill, and the page shows it settled within two blocks;
//   - an unreachable node is said to be unreachable.
// Saves a screenshot of every view. Exits non-zero on the first mismatch.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { chromium } from 'playwright-core';
import { rpc } from '../../scripts/polkadot-js/definitions.mjs';
import { ageing, date, inr } from '../src/format.js';

for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => { console.error(`\nportal test: FAILED: ${e?.stack ?? e}`); process.exit(1); });
}
const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const shots = process.argv[3] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'screenshots');
mkdirSync(shots, { recursive: true });
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Longest wait for any one condition (CI machines are slow). */
const DEADLINE_MS = 240_000;
const say = (text) => console.log(`portal test: ${text}`);
const check = (ok, what) => { if (!ok) throw new Error(`mismatch: ${what}`); say(`ok: ${what}`); };

const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, throwOnConnect: true, noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const operator = keyring.addFromUri('//Alice');
const adani = keyring.addFromUri('//Charlie');
const tangedco = keyring.addFromUri('//Ferdie');
const sbi = keyring.addFromUri('//One');
const nrldc = keyring.addFromUri('//Two');
const TN = 2; // Adani Mundra -> TANGEDCO, daily bills
const BLOCKS = 96;

// ------------------------------------------------------------------ chain helpers
const nonces = new Map();
/** Signs and sends; resolves with the block hash once in a block, rejects on a refusal. */
async function send(tx, signer) {
  const next = nonces.get(signer.address) ?? (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  nonces.set(signer.address, next + 1);
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, { nonce: next }, ({ status, dispatchError }) => {
      if (status.isInBlock) {
        if (dispatchError) {
          const e = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
          reject(new Error(e ? `${e.section}.${e.name}` : dispatchError.toString()));
        } else resolve(status.asInBlock.toHex());
      } else if (status.isInvalid || status.isDropped) reject(new Error(`transaction ${status.type}`));
    }).catch((e) => { nonces.delete(signer.address); reject(e); });
  });
}
const now = async () => (await api.rpc.grid.now()).toJSON();
async function until(what, condition) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
const reached = (day, block = 0) => async () => { const t = await now(); return t.day > day || (t.day === day && t.block >= block) ? t : null; };
const rate = (r) => send(api.tx.sudo.sudo(api.tx.gridClock.setRate(r)), operator);

// ------------------------------------------------------------------ the state the page needs
const gate = (await api.query.scheduling.parameters()).requisitionGate.toNumber();
const unpaid = async () => {
  const t = await now();
  const bills = (await api.rpc.settlement.bills(TN, Math.max(0, t.day - 30), t.day)).toJSON();
  return bills.find((b) => !b.settled && BigInt(b.outstanding) > 0n);
};
let bill = await unpaid();
await rate(1800);
if (!bill) {
  say('the clock at 1,800x; TANGEDCO requisitions a day of PPA 2, NRLDC finalizes and meters it');
  const start = await now();
  // At 1,800x a chain block is 12 time blocks: leave three chain blocks before the gate.
  const A = start.block < gate - 36 ? start.day + 1 : start.day + 2;
  await send(api.tx.scheduling.requisition(TN, A, Array(BLOCKS).fill(150_000)), tangedco);
  await until(`the gate of ${date(A)} closes`, reached(A - 1, gate));
  await send(api.tx.scheduling.finalizeSchedules(A, [TN]), nrldc);
  await until(`${date(A)} ends`, reached(A + 1, 0));
  await Promise.all([...Array(BLOCKS).keys()].map((b) => send(api.tx.scheduling.submitMeterReadings(A, b, [[TN, 150_000 * 250]]), nrldc)));
  bill = await until('the bill of the metered day is presented', unpaid);
}
say(`bill ${bill.id} presented ${date(bill.presentedOn)}: ${inr(bill.outstanding)} outstanding`);
// Real time from here: the page's figures hold still, and tomorrow's gate stays open.
// Slowed with two chain blocks (24 time blocks at 1,800x) before the gate, and checked after:
// the page's requisition needs tomorrow's gate open. (A chain block moves the clock 12 time
// blocks, always at the same phase of the day: a window narrower than 12 might never be seen.)
const MARGIN = 24;
for (let attempt = 1; ; attempt++) {
  const t0 = await now();
  const day = t0.block < gate - MARGIN ? t0.day : t0.day + 1;
  await until('a time of day before the requisition gate', async () => { const t = await now(); return t.day >= day && t.block < gate - MARGIN ? t : null; });
  await rate(1);
  const slowed = await now();
  if (slowed.block < gate - 2) break;
  if (attempt === 3) throw new Error(`the clock could not be slowed before the gate (at ${slowed.block})`);
  await rate(1800);
}
const today = (await now()).day;

// ------------------------------------------------------------------ the portal in Chromium
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
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}?node=${encodeURIComponent(url)}&dev=1`);
  await page.waitForSelector('#connection[data-status=ready]', { timeout: DEADLINE_MS });

  // The regulator's view against the RPC at the block it shows.
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
  // Each PPA's ageing (from its bills) adds up to its discom's (the chain's, per buyer).
  await page.waitForFunction(() => document.querySelectorAll('#ppa-dues-table tbody tr').length > 0, null, { timeout: DEADLINE_MS });
  const perPpa = await page.evaluate(() => ({
    block: Number(document.querySelector('#regulator-ppas .as-of').dataset.block),
    rows: [...document.querySelectorAll('#ppa-dues-table tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  }));
  const atPpa = await api.rpc.chain.getBlockHash(perPpa.block);
  for (const { address, p } of buyers) {
    const dues = (await api.rpc.settlement.dues(address, 'buyer', atPpa)).toJSON();
    const rows = perPpa.rows.filter((cells) => cells[1] === p.name.toUtf8());
    const rupees = (text) => BigInt(text.replace(/[₹,.]/g, '')) * 10_000n;
    const summed = [6, 7, 8, 9, 10].map((i) => rows.reduce((sum, cells) => sum + rupees(cells[i]), 0n));
    const chain = [dues.ageing.current, dues.ageing.days1To30, dues.ageing.days31To60, dues.ageing.days61To90, dues.ageing.over90].map(BigInt);
    // Each row is shown to the paisa (truncated): the sum is short of the chain's by less than
    // a paisa a row.
    const slack = BigInt(rows.length) * 10_000n;
    check(summed.every((sum, i) => chain[i] >= sum && chain[i] - sum <= slack),
      `${p.name.toUtf8()}'s PPAs' ageing on the page adds up to its dues' ageing from the RPC at block #${perPpa.block} (${summed.map((v) => inr(v)).join(' / ')})`);
  }
  // The runtime API's names for the ageing buckets, which the page reads (the RPC's JSON names
  // them otherwise): every bucket is found, none read as a missing zero.
  const viaApi = (await api.call.settlementApi.buyerDues(tangedco.address)).toPrimitive();
  check(ageing(viaApi).every((v) => v !== undefined && v !== null), `the page finds all five ageing buckets under the runtime API's names (${Object.keys(viaApi.ageing).join(', ')})`);
  // The dues chart reaches back over the chain's history (after the demo's story, months): a
  // point a grid day from blocks spread over the chain, at least 10 when it spans 10 days.
  const dayAt = async (n) => (await (await api.at(await api.rpc.chain.getBlockHash(n))).call.ppaApi.gridNow()).day.toNumber();
  const span = (await dayAt(shown.block)) - (await dayAt(1));
  const want = Math.max(2, Math.min(10, span + 1));
  await page.waitForFunction((n) => (document.querySelector('#dues-chart polyline')?.getAttribute('points') ?? '').split(' ').length >= n, want, { timeout: DEADLINE_MS });
  const chart = await page.evaluate(() => ({
    points: document.querySelector('#dues-chart polyline').getAttribute('points').split(' ').length,
    ticks: [...document.querySelectorAll('#dues-chart text.tick')].map((t) => t.textContent),
  }));
  check(chart.points >= want,
    `the dues chart has ${chart.points} points from ${chart.ticks[1]} to ${chart.ticks[2]} (the chain spans ${span} grid days)`);
  await page.screenshot({ path: join(shots, 'regulator.png'), fullPage: true });

  // A discom's requisition through the form.
  await page.selectOption('#account', tangedco.address);
  await page.click('#tab-discom');
  await page.waitForSelector('#req-ppa option[value="2"]', { state: 'attached', timeout: DEADLINE_MS });
  await page.selectOption('#req-ppa', '2');
  await page.selectOption('#req-day', String(today + 1));
  await page.fill('#req-csv', [...Array(BLOCKS).keys()].map((b) => (b < 24 ? 90_000 : 120_000)).join('\n'));
  await page.click('#req-apply-csv');
  await page.waitForSelector('#req-note:has-text("read from the CSV")');
  await page.click('#req-submit');
  await page.waitForSelector('#requisition .status.ok', { timeout: DEADLINE_MS });
  const held = await api.query.scheduling.requisitions(TN, today + 1);
  const kw = held.isSome ? held.unwrap().map((v) => v.toNumber()) : [];
  check(kw.length === BLOCKS && kw.every((v, b) => v === (b < 24 ? 90_000 : 120_000)),
    `TANGEDCO's requisition of ${date(today + 1)} typed in the form (CSV) is held on chain: 90 MW to 06:00, 120 MW after`);

  // A refused call: today's gate has closed.
  await page.selectOption('#req-day', String(today));
  await page.click('#req-submit');
  const alert = await page.waitForSelector('#requisition [role=alert]', { timeout: DEADLINE_MS });
  const error = await alert.getAttribute('data-error');
  const text = await alert.textContent();
  check(error === 'RequisitionGateClosed' && text.includes('Requisition gate closed'),
    `a requisition for today is refused and the page says why: "${text}"`);
  await page.selectOption('#req-day', String(today + 1));
  await page.screenshot({ path: join(shots, 'discom.png'), fullPage: true });

  // The pay action.
  await page.click('#bills input[type=checkbox]');
  await page.waitForSelector(`#pay-${bill.id}`, { timeout: DEADLINE_MS });
  await page.click(`#pay-${bill.id}`);
  const paid = await page.waitForSelector('#pay-status', { timeout: DEADLINE_MS });
  const outcome = await paid.textContent();
  check((await paid.getAttribute('class')).includes('ok'), `the pay action's transaction is in a block: "${outcome}"`);
  const included = Number(await paid.getAttribute('data-block'));
  // The block the page first shows the bill settled at, read in the same frame as the row.
  const settledAt = await (await page.waitForFunction((id) => {
    const settled = document.querySelector(`#bills tr[data-key="${id}"]`)?.textContent.includes('Settled');
    return settled && Number(document.querySelector('#bills .as-of').dataset.block);
  }, bill.id, { timeout: DEADLINE_MS })).jsonValue();
  const after = (await api.rpc.settlement.bills(TN, bill.firstDay, bill.lastDay)).toJSON().find((b) => b.id === bill.id);
  check(after.settled && BigInt(after.outstanding) === 0n, `bill ${bill.id} is settled on chain`);
  check(settledAt <= included + 2, `the page shows bill ${bill.id} settled at block #${settledAt}, within two blocks of its payment's #${included}`);
  await page.screenshot({ path: join(shots, 'discom-paid.png'), fullPage: true });

  // Every other view, as its role.
  for (const [tab, who, selector] of [['generator', adani, '#receivables .as-of'], ['bank', sbi, '#lc-requests .as-of'], ['ldc', nrldc, '#finalize .as-of'], ['market', null, '.as-of[data-block]']]) {
    if (who) await page.selectOption('#account', who.address);
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(selector, { timeout: DEADLINE_MS });
    await page.screenshot({ path: join(shots, `${tab}.png`), fullPage: true });
    say(`${tab}'s view shown`);
  }

  // An unreachable node.
  const lost = await browser.newPage({ viewport: { width: 1400, height: 600 } });
  await lost.goto(`${base}?node=${encodeURIComponent('ws://127.0.0.1:9')}`);
  const banner = await lost.waitForSelector('#connection[data-status=unreachable]', { timeout: DEADLINE_MS });
  check((await banner.textContent()).includes('cannot be reached'), 'an unreachable node is said to be unreachable');
  await lost.screenshot({ path: join(shots, 'unreachable.png') });
} finally {
  await browser.close();
  server.kill();
}
say(`every check passed; screenshots in ${shots}`);
await api.disconnect();
process.exit(0);

function run(program, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} failed (${code})`))));
  });
}
