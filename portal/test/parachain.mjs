// The portal against the parachain runtime, in the node's parachain development mode, after
// scripts/polkadot-js/test.mjs has played a PPA's day on it (node/tests/polkadot_js.rs):
//
//   node test/parachain.mjs ws://127.0.0.1:9944 <facts.json> <screenshot directory>
//
// The parachain's runtime is the same pallets with other transaction extensions and runtime
// APIs served through `state_call`; this checks the portal reads and signs there as on the
// standalone chain: the regulator's page shows every discom's dues and default status as the
// JSON-RPC does at the block the page names; the discom pays the rest of the day's bill
// (`facts.json`: the bill test.mjs paid in part) through the page with a development key and
// the bill is settled on chain and on the page; every view opens. Exits non-zero on the first
// mismatch.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rpc } from '../../scripts/polkadot-js/definitions.mjs';
import { DEADLINE_MS, check, drive, failOnError, openPage, openPortal, regulatorMatchesRpc, say } from './harness.mjs';

failOnError();
const [url, factsPath, shots] = process.argv.slice(2);
if (!url || !factsPath || !shots) throw new Error('usage: node test/parachain.mjs <ws url> <facts.json> <screenshot directory>');
mkdirSync(shots, { recursive: true });
const facts = JSON.parse(readFileSync(factsPath, 'utf8'));

const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, throwOnConnect: true, noInitWarn: true });
check((await api.rpc.state.getRuntimeVersion()).specName.toString().includes('parachain'), 'the node runs the parachain runtime');
const billOf = async () => (await api.rpc.settlement.bills(facts.ppa, facts.day, facts.day)).toJSON().find((b) => b.id === facts.bill);
const before = await billOf();
check(before && !before.settled && BigInt(before.outstanding) > 0n, `bill ${facts.bill} of PPA ${facts.ppa} is partly paid, ${before?.outstanding} units outstanding`);

const portal = await openPortal();
const { base, browser } = portal;
await drive(portal, shots, async () => {
  const page = await openPage(browser, base, url, { dev: true });
  const chain = (await api.rpc.system.chain()).toString();
  check((await page.textContent('#connection')).includes(chain), `the page follows the parachain "${chain}"`);

  await regulatorMatchesRpc(page, api);
  await page.screenshot({ path: join(shots, 'parachain-regulator.png'), fullPage: true });

  // The discom pays the rest of the bill, signed with its development key.
  await page.selectOption('#account', facts.buyer);
  await page.click('#tab-discom');
  await page.waitForSelector(`#pay-${facts.bill}`, { timeout: DEADLINE_MS });
  await page.click(`#pay-${facts.bill}`);
  const paid = await page.waitForSelector('#pay-status', { timeout: DEADLINE_MS });
  check((await paid.getAttribute('class')).includes('ok'), `the pay action's transaction is in a parachain block: "${await paid.textContent()}"`);
  const after = await billOf();
  check(after.settled && BigInt(after.outstanding) === 0n, `bill ${facts.bill} is settled on chain`);
  await page.click('#bills input[type=checkbox]');
  const row = await (await page.waitForFunction((id) => {
    const text = document.querySelector(`#bills tr[data-key="${id}"]`)?.textContent;
    return text?.includes('Settled') ? text : null;
  }, facts.bill, { timeout: DEADLINE_MS })).jsonValue();
  check(row.includes('₹0.00'), `the page shows bill ${facts.bill} settled, nothing outstanding`);
  await page.screenshot({ path: join(shots, 'parachain-discom.png'), fullPage: true });

  for (const [tab, selector] of [['generator', '#receivables .as-of'], ['bank', '#lc-requests .as-of'], ['ldc', '#finalize .as-of'], ['market', '.as-of[data-block]']]) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(selector, { timeout: DEADLINE_MS });
    await page.screenshot({ path: join(shots, `parachain-${tab}.png`), fullPage: true });
    say(`the parachain's ${tab} view shown`);
  }
});
say('every check passed on the parachain');
await api.disconnect();
process.exit(0);
