// The portal in a real headless Chromium against a node on the demo preset:
//
//   node test/browser.mjs ws://127.0.0.1:9944 <screenshot directory>
//
// Makes the state it needs through @polkadot/api first (the demo grid's clock set to 3,600x;
// TANGEDCO requisitions a day of its PPA with Adani, NRLDC finalizes and meters it, the bill is
// presented; then the clock runs in real time so that nothing moves under the page), builds
// and serves the portal, and checks that:
//   - the regulator's page shows the same dues, ageing, LPS and default status as the JSON-RPC
//     (`settlement_dues`, `defaults_status`) at the block the page says it shows, each PPA's
//     ageing adds up to its discom's, and the dues chart reaches over the chain's history;
//   - a discom's requisition made through the form is held on chain as typed;
//   - a refused call shows the chain's error name in words;
//   - the pay action pays the bill, and the page shows it settled within two blocks;
//   - a discom's request for a letter of credit made through the form is held on chain;
//   - the market shows a cleared book (the story's resale) as `resale_orderBook` holds it, and
//     offers no bid once the clearing gate has passed;
//   - in a second browser whose Polkadot.js extension holds the bank's, the generator's and
//     the LDC's keys (it signs in the test process, `extension.mjs`): only its accounts are
//     offered; the bank's activity log shows the LC request made before the page opened, and
//     the bank opens the LC; the generator declares tomorrow's capability; the LDC finalizes
//     today's schedules and uploads a meter reading from CSV; each is held on chain, signed by
//     the extension;
//   - an unreachable node is said to be unreachable.
// Saves a screenshot of every view. Exits non-zero on the first mismatch.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { rpc } from '../../scripts/polkadot-js/definitions.mjs';
import { UNITS, ageing, blockTime, date, inr, mw, mwh } from '../src/format.js';
import { installExtension } from './extension.mjs';
import { DEADLINE_MS, check, drive, failOnError, openPage, openPortal, regulatorMatchesRpc, say } from './harness.mjs';

failOnError();
const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const shots = process.argv[3] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'screenshots');
mkdirSync(shots, { recursive: true });

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
/** Each signer's next nonce, as a promise: calls sent at once take consecutive nonces. */
const nonces = new Map();
/** Signs and sends; resolves with the block hash once in a block, rejects on a refusal. */
async function send(tx, signer) {
  const mine = nonces.get(signer.address) ?? api.rpc.system.accountNextIndex(signer.address).then((n) => n.toNumber());
  nonces.set(signer.address, mine.then((n) => n + 1));
  const next = await mine;
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
// A grid day in 24 s while the bill is made: a 6-second chain block moves the clock rate / 150
// time blocks (24 at 3,600x).
const FAST = 3600;
const perChainBlock = FAST / 150;
await rate(FAST);
say('the clock at 3,600x; TANGEDCO requisitions a day of PPA 2, NRLDC finalizes and meters it');
{
  const start = await now();
  // Three chain blocks before the gate, or the day after.
  const A = start.block < gate - 3 * perChainBlock ? start.day + 1 : start.day + 2;
  // The two days after A are requisitioned too: the page's LDC finalizes the one it opens on.
  await Promise.all([A, A + 1, A + 2].map((d) => send(api.tx.scheduling.requisition(TN, d, Array(BLOCKS).fill(150_000)), tangedco)));
  await until(`the gate of ${date(A)} closes`, reached(A - 1, gate));
  await send(api.tx.scheduling.finalizeSchedules(A, [TN]), nrldc);
  await until(`${date(A)} ends`, reached(A + 1, 0));
  await Promise.all([...Array(BLOCKS).keys()].map((b) => send(api.tx.scheduling.submitMeterReadings(A, b, [[TN, 150_000 * 250]]), nrldc)));
  await until('the bill of the metered day is presented', unpaid);
}
const bill = await unpaid();
say(`bill ${bill.id} presented ${date(bill.presentedOn)}: ${inr(bill.outstanding)} outstanding`);
await rate(1800);
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
const portal = await openPortal();
const { base, browser } = portal;
await drive(portal, shots, async () => {
  const page = await openPage(browser, base, url, { dev: true });

  // The regulator's view against the RPC at the block it shows.
  const { shown, buyers } = await regulatorMatchesRpc(page, api);
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

  // The discom asks SBI for a letter of credit on PPA 2 (the bank opens it below).
  const cover = (await api.call.psmApi.coverage(TN, today)).asOk.toPrimitive();
  const places = BigInt(api.consts.escrow.maxLcsPerPpa.toNumber());
  const lcRupees = (BigInt(cover.required) + places - 1n) / places / UNITS + 1n;
  await page.waitForSelector('#lc-request-submit', { timeout: DEADLINE_MS });
  await page.selectOption('#lc-ppa', String(TN));
  await page.selectOption('#lc-bank', sbi.address);
  await page.fill('#lc-amount', String(lcRupees));
  await page.click('#lc-request-submit');
  const lcStatus = await page.waitForSelector('#lc-request .status.ok', { timeout: DEADLINE_MS });
  const requestBlock = Number(/#([\d,]+)/.exec(await lcStatus.textContent())[1].replaceAll(',', ''));
  const requested = (await api.query.escrow.lcRequests(TN)).toPrimitive().find(([bank]) => bank === sbi.address);
  check(requested && BigInt(requested[1].amount) === lcRupees * UNITS && requested[1].revolving,
    `TANGEDCO's request to SBI for a revolving LC of ${inr(lcRupees * UNITS)} on PPA 2, made through the form, is held on chain`);

  // The market: a day whose book cleared (the story's resale), read against the RPC; its
  // clearing gate has passed, so no bid form is offered even to a discom.
  let resaleDay = null;
  for (let d = today; d > Math.max(0, today - 400) && resaleDay === null; d--) {
    if ((await api.rpc.resale.orderBook(d)).toJSON().offers.length) resaleDay = d;
  }
  check(resaleDay !== null, `a day with a resale offer is found (${date(resaleDay)}): the demo's story resold a defaulter's share`);
  await page.click('#tab-market');
  await page.fill('#market-date', new Date(resaleDay * 86_400_000).toISOString().slice(0, 10));
  const book = (await api.rpc.resale.orderBook(resaleDay)).toJSON();
  for (const offer of book.offers) {
    await page.waitForSelector(`#offer-${offer.ppa} tbody tr`, { timeout: DEADLINE_MS });
    const rows = await page.evaluate((id) => Object.fromEntries([...document.querySelectorAll(`#offer-${id} tbody tr`)]
      .map((tr) => [tr.dataset.key, [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())])), offer.ppa);
    const mismatched = offer.blocks.filter((b) => {
      const cells = rows[String(b.block)];
      const r = b.result;
      const expected = [mw(b.offeredKw), r ? mw(r.soldKw) : '—', r?.price != null ? `${inr(r.price)}/kWh` : '—', r?.deliveredWh != null ? mwh(r.deliveredWh) : '—', '—'];
      return !cells || JSON.stringify([cells[1], ...cells.slice(3)]) !== JSON.stringify(expected);
    });
    const cleared = offer.blocks.filter((b) => b.result).length;
    check(mismatched.length === 0, `the market's book of PPA ${offer.ppa} for ${date(resaleDay)} shows what resale_orderBook holds: ${offer.blocks.length} blocks offered, ${cleared} cleared (sold, price, delivered)`);
    check(await page.locator(`#offer-${offer.ppa} input`).count() === 0, `no bid form on PPA ${offer.ppa}'s book for ${date(resaleDay)}: its clearing gate has passed`);
  }
  check((await page.textContent('#market-gate')).includes('has passed'), 'the market says the clearing gate has passed');
  await page.screenshot({ path: join(shots, 'market.png'), fullPage: true });

  // The participants' own wallets: a second browser whose Polkadot.js extension holds SBI's,
  // Adani's and NRLDC's keys (the extension signs each payload the page hands it, in this
  // process); the development accounts are not offered.
  const wallet = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const signedBy = await installExtension(wallet, api, [
    { pair: sbi, name: 'SBI trade finance' }, { pair: adani, name: 'Adani Mundra commercial' }, { pair: nrldc, name: 'NRLDC control room' },
  ]);
  const own = await openPage(wallet, base, url);
  await own.waitForFunction(() => document.querySelectorAll('#account option[value]:not([value=""])').length > 0, null, { timeout: DEADLINE_MS });
  const offered = await own.evaluate(() => [...document.querySelectorAll('#account option')].map((o) => o.value).filter(Boolean));
  check(JSON.stringify([...offered].sort()) === JSON.stringify([sbi.address, adani.address, nrldc.address].sort()),
    `the page offers the extension's three accounts to sign with, and no development key (${offered.length})`);

  // The bank opens the requested LC, signed by the extension; the request made before the
  // page opened is in its activity log.
  await own.selectOption('#account', sbi.address);
  await own.click('#tab-bank');
  await own.waitForSelector(`#open-lc-${TN}`, { timeout: DEADLINE_MS });
  const logged = await (await own.waitForFunction(({ block, amount }) => {
    const item = [...document.querySelectorAll('#bank-activity li[data-method=LcRequested]')]
      .find((li) => li.textContent.includes(`#${block.toLocaleString('en-IN')} `) && li.textContent.includes(amount));
    const from = Number(document.querySelector('#bank-activity .log-from')?.dataset.block);
    return item && from < block ? { text: item.textContent.replace(/\s+/g, ' ').trim(), from } : null;
  }, { block: requestBlock, amount: inr(lcRupees * UNITS) }, { timeout: DEADLINE_MS })).jsonValue();
  check(logged.from < requestBlock, `the bank's activity log, from block #${logged.from}, shows the request of block #${requestBlock} made before its page opened: "${logged.text}"`);
  const lcsBefore = (await api.query.escrow.lcsOfPpa(TN)).map((id) => id.toNumber());
  await own.click(`#open-lc-${TN}`);
  const opened = await until('the LC is opened on chain', async () => {
    const ids = (await api.query.escrow.lcsOfPpa(TN)).map((id) => id.toNumber()).filter((id) => !lcsBefore.includes(id));
    return ids.length ? ids[0] : null;
  });
  const lc = (await api.query.escrow.lettersOfCredit(opened)).unwrap().toPrimitive();
  check(lc.bank === sbi.address && BigInt(lc.terms.amount) === lcRupees * UNITS && BigInt(lc.held) === lcRupees * UNITS && signedBy.get(sbi.address) === 1,
    `SBI opened LC ${opened} of ${inr(lc.held)} for PPA 2 through the page, signed by the extension`);
  await own.waitForSelector(`#lcs-issued tr[data-key="${opened}"]`, { timeout: DEADLINE_MS });
  await own.screenshot({ path: join(shots, 'bank.png'), fullPage: true });

  // The generator declares tomorrow's capability of its station.
  await own.selectOption('#account', adani.address);
  await own.click('#tab-generator');
  await own.waitForSelector('#cap-station option', { state: 'attached', timeout: DEADLINE_MS });
  const station = await own.inputValue('#cap-station');
  await own.fill('#cap-station-mw', '1000');
  await own.fill('#cap-available-mw', '900');
  await own.click('#declare');
  await own.waitForSelector('#capability .status.ok', { timeout: DEADLINE_MS });
  const declared = await api.query.scheduling.declarations(today + 1, [adani.address, station]);
  const declaration = declared.isSome ? declared.unwrap().toPrimitive() : null;
  check(declaration && declaration.stationKw === 1_000_000 && declaration.availableKw.length === BLOCKS && declaration.availableKw.every((kw) => kw === 900_000) && signedBy.get(adani.address) === 1,
    `Adani's declaration for ${station} on ${date(today + 1)} (1,000 MW station, 900 MW in every block) is held on chain, signed by the extension`);
  await own.screenshot({ path: join(shots, 'generator.png'), fullPage: true });

  // The LDC finalizes today's schedules of every PPA it schedules (on the day itself: the
  // blocks within the revision lead time are left out), then uploads a meter reading of PPA 2
  // for the last block that ended, from CSV.
  await own.selectOption('#account', nrldc.address);
  await own.click('#tab-ldc');
  await own.waitForSelector('#meter-upload', { timeout: DEADLINE_MS });
  const t = await now();
  // Its binding PPAs with a requisition for today and none finalized (PPA 2's, made above).
  const toFinalize = [];
  for (let id = 0; id < (await api.query.registry.nextPpaId()).toNumber(); id++) {
    const info = (await api.call.ppaApi.ppa(id)).unwrap().toPrimitive();
    if (info.ldc !== nrldc.address || !['Signed', 'Active'].includes(String(info.status))) continue;
    if ((await api.query.scheduling.requisitions(id, t.day)).isSome && (await api.query.scheduling.energyAccounts(id, t.day)).isNone) toFinalize.push(id);
  }
  check(toFinalize.includes(TN), `PPA 2 is requisitioned for ${date(t.day)} and not finalized (${toFinalize.length} such PPAs of NRLDC)`);
  await own.selectOption('#finalize-day', String(t.day));
  await own.waitForSelector(`#finalize-summary:has-text("${toFinalize.length} requisitioned to go")`, { timeout: DEADLINE_MS });
  await own.click('#finalize-all');
  await own.waitForSelector('#finalize-progress.ok', { timeout: DEADLINE_MS });
  const finalized = await Promise.all(toFinalize.map(async (id) => (await api.query.scheduling.energyAccounts(id, t.day)).isSome));
  const finalizeBatches = Math.ceil(toFinalize.length / api.consts.scheduling.maxBatch.toNumber());
  check(finalized.every(Boolean) && signedBy.get(nrldc.address) === finalizeBatches,
    `NRLDC finalized ${date(t.day)} for its requisitioned PPAs (${toFinalize.join(', ')}) through the page in ${finalizeBatches} batch(es), signed by the extension`);
  // The last block that ended: today's, or at 00:00-00:15 yesterday's last.
  const [meterDay, meterBlock] = t.block >= 1 ? [t.day, t.block - 1] : [t.day - 1, BLOCKS - 1];
  await own.selectOption('#meter-day', String(meterDay));
  await own.fill('#meter-csv', `ppa,block,Wh\n${TN},${blockTime(meterBlock)},30000000`);
  await own.click('#meter-upload');
  await own.waitForSelector('#meter-progress.ok', { timeout: DEADLINE_MS });
  const metered = (await api.call.schedulingApi.day(TN, meterDay)).asOk.toPrimitive().blocks[meterBlock];
  check(Number(metered.actualWh) === 30_000_000 && signedBy.get(nrldc.address) === finalizeBatches + 1,
    `NRLDC's reading of PPA 2 for ${blockTime(meterBlock)} on ${date(meterDay)} (30 MWh), uploaded as CSV, is held on chain, signed by the extension`);
  await own.screenshot({ path: join(shots, 'ldc.png'), fullPage: true });

  // An unreachable node.
  const lost = await browser.newPage({ viewport: { width: 1400, height: 600 } });
  await lost.goto(`${base}?node=${encodeURIComponent('ws://127.0.0.1:9')}`);
  const banner = await lost.waitForSelector('#connection[data-status=unreachable]', { timeout: DEADLINE_MS });
  check((await banner.textContent()).includes('cannot be reached'), 'an unreachable node is said to be unreachable');
  await lost.screenshot({ path: join(shots, 'unreachable.png') });
});
say(`every check passed; screenshots in ${shots}`);
await api.disconnect();
process.exit(0);
