// End-to-end test of the PPA chain through @polkadot/api, against a running node whose grid
// clock runs fast (node/tests/polkadot_js.rs starts it: a grid day in 48 s).
//
//   node test.mjs ws://127.0.0.1:9944 [facts.json]
//
// It decodes the metadata (every custom call, storage item, event and error has docs), plays
// a PPA through one day: participants registered, the PPA proposed and signed (registry), an
// LC opened (escrow), a requisition, the schedule finalized and a block metered (scheduling),
// a second, real-time PPA's block paid from the advance as it is metered, the first's day's
// bill presented and partly paid (settlement), a default duty pushed too early
// (defaults: refused with its named error), the resale parameters set (resale); reads each
// custom pallet's storage, calls every custom RPC method and runtime API and checks them
// against storage. Writes what it made to facts.json for the billing client's test. Exits
// non-zero on the first mismatch.

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { writeFileSync } from 'node:fs';
import { rpc } from './definitions.mjs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const factsPath = process.argv[3];
const DEADLINE_MS = 300_000; // generous: CI shares two cores with the build
const CUSTOM = ['GridClock', 'Registry', 'Escrow', 'Scheduling', 'Settlement', 'Defaults', 'Resale', 'ValidatorSet'];

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`check failed: ${what}\n  got      ${a}\n  expected ${e}`);
  console.log(`ok: ${what}`);
}

async function waitUntil(what, condition) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, throwOnConnect: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const [alice, bob, charlie, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Eve', 'Ferdie'].map((n) =>
  keyring.addFromUri(`//${n}`),
);

// The definitions name exactly the custom methods the node serves (`rpc_methods` lists what
// `ppa-rpc`'s declaration generated): a method added, renamed or removed there fails here.
{
  const namespaces = Object.keys(rpc);
  const served = (await api.rpc.rpc.methods()).methods
    .map((m) => m.toString())
    .filter((m) => namespaces.includes(m.split('_')[0]))
    .sort();
  const defined = namespaces.flatMap((ns) => Object.keys(rpc[ns]).map((m) => `${ns}_${m}`)).sort();
  same(served, defined, 'the JS definitions name every custom JSON-RPC method the node serves, and no other');
}

// Submits `tx` signed by `signer`; resolves with the events once in a block. A failed dispatch
// rejects with its module error's `section.name` (decoded from the metadata).
// `nonce`: the account's next by default; given, several calls can go into one block.
function submit(tx, signer, nonce = -1) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
          const error = new Error(`${section}.${name}`);
          error.docs = docs.join(' ');
          reject(error);
        } else reject(new Error(dispatchError.toString()));
      } else if (status.isInBlock || status.isFinalized) {
        // A chain may report a block finalized as soon as it is sealed (a development node).
        resolve(events.map(({ event }) => event));
      }
    }).catch(reject);
  });
}

// Dispatches `call` as root through sudo; fails if the inner call failed.
async function sudo(call) {
  const events = await submit(api.tx.sudo.sudo(call), alice);
  const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
  check(sudid && sudid.data[0].isOk, `sudo ${call.method.section}.${call.method.method} succeeds`);
  return events;
}

const gridNow = async () => (await api.rpc.grid.now()).toJSON();

// ---- chain properties and metadata
const props = api.registry.getChainProperties();
same(props.tokenSymbol.toJSON(), ['INR'], 'token symbol INR');
same(props.tokenDecimals.toJSON(), [6], '6 decimals');
same(api.registry.chainSS58, 4261, 'SS58 prefix 4261');
// The metadata the api decodes with: its type ids are the ones `api.registry.lookup` knows.
const metadata = api.runtimeMetadata;
const pallets = metadata.asLatest.pallets;
for (const name of CUSTOM) {
  const pallet = pallets.find((p) => p.name.toString() === name);
  check(pallet, `metadata has pallet ${name}`);
  const undocumented = [];
  // The variants of a call, event or error enum (a pallet without one has none).
  const variants = (option) => {
    if (option.isNone) return [];
    const def = api.registry.lookup.getSiType(option.unwrap().type).def;
    return def.isVariant ? def.asVariant.variants : [];
  };
  for (const [kind, items] of [
    ['call', variants(pallet.calls)],
    ['event', variants(pallet.events)],
    ['error', variants(pallet.errors)],
    ['storage', pallet.storage.isSome ? pallet.storage.unwrap().items : []],
  ]) {
    for (const item of items) if (item.docs.length === 0) undocumented.push(`${kind} ${item.name}`);
  }
  same(undocumented, [], `every call, event, error and storage item of ${name} has docs`);
}
const apis = (await api.call.core.version()).apis.map(([id, version]) => [id.toHex(), version.toNumber()]);
for (const name of ['PpaApi', 'SchedulingApi', 'PsmApi', 'SettlementApi', 'DefaultsApi', 'ResaleApi']) {
  check(api.call[name.charAt(0).toLowerCase() + name.slice(1)], `runtime API ${name} is in the metadata`);
}
check(apis.length >= 14, `the runtime version lists its ${apis.length} APIs`);

// ---- registry: participants and a PPA
const names = [
  [bob, 'Generator', 'NTPC Singrauli'],
  [charlie, 'Buyer', 'UPPCL'],
  [eve, 'Bank', 'State Bank of India'],
  [ferdie, 'LoadDespatchCentre', 'NRLDC'],
];
for (const [who, role, name] of names) {
  await sudo(api.tx.registry.registerParticipant(who.address, [role], name, '0x' + '01'.repeat(32)));
}
const participant = (await api.query.registry.participants(charlie.address)).unwrap();
same(participant.roles.toJSON(), ['Buyer'], 'storage registry.participants: Charlie is a buyer');

let now = await gridNow();
const today = now.day;
const terms = {
  capacityKw: 250_000,
  station: 'Singrauli STPS',
  startDay: today,
  endDay: today + 365,
  capacityRate: 900_000_000n,
  energyRate: 2_000_000n,
  transmissionRate: 0,
  billingPeriod: 'Daily',
  dueDays: 45,
  rebateTiers: [
    { withinDays: 5, rebate: 15_000 },
    { withinDays: 30, rebate: 10_000 },
  ],
  lpsRateCap: null,
  calendarMonths: true,
  normativeAvailability: 850_000,
  lcOnPresentation: false,
  // No LC cover of its own, so the INR 60 lakh LC below is no dust under its cover share.
  paymentSecurity: { lcPercentOfMonthlyBilling: 0, paymentBg: null },
  autoResaleOffer: false,
  agreementHash: '0x' + '02'.repeat(32),
};
const nextPpa = (await api.query.registry.nextPpaId()).toNumber();
await submit(api.tx.registry.proposePpa(bob.address, charlie.address, ferdie.address, terms), bob);
// The countersignature carries the BLAKE2-256 hash of the SCALE-encoded terms Charlie read.
const proposal = (await api.query.registry.proposals(nextPpa)).unwrap();
await submit(api.tx.registry.signPpa(nextPpa, api.registry.hash(proposal.toU8a()).toHex()), charlie);
const ppa = nextPpa;
const record = (await api.query.registry.ppas(ppa)).unwrap();
same(record.buyer.toString(), charlie.address, 'storage registry.ppas: the PPA is signed with Charlie as buyer');

// A second PPA of the same parties, 10 MW settled per time block from Charlie's advance.
const rtPpa = (await api.query.registry.nextPpaId()).toNumber();
const rtTerms = { ...terms, capacityKw: 10_000, billingPeriod: 'PerTimeBlock', agreementHash: '0x' + '03'.repeat(32) };
await submit(api.tx.registry.proposePpa(bob.address, charlie.address, ferdie.address, rtTerms), bob);
const rtProposal = (await api.query.registry.proposals(rtPpa)).unwrap();
await submit(api.tx.registry.signPpa(rtPpa, api.registry.hash(rtProposal.toU8a()).toHex()), charlie);
await submit(api.tx.escrow.depositAdvance(rtPpa, 1_000_000_000_000n), charlie);
const advance = (await api.query.escrow.advances(rtPpa)).unwrap();
same(advance.held.toString(), '1000000000000', 'storage escrow.advances: INR 10 lakh of advance held for the real-time PPA');

// ---- escrow: Charlie asks Eve for an LC of INR 60 lakh for its PPA; Eve opens it
const lcId = (await api.query.escrow.nextLcId()).toNumber();
const lcTerms = {
  amount: 6_000_000_000_000n,
  expiryDay: today + 364,
  revolving: true,
  drawalsPerMonth: 1,
  restoreWithinDays: 15,
};
await submit(api.tx.escrow.requestLetterOfCredit(ppa, eve.address, lcTerms), charlie);
await submit(api.tx.escrow.openLetterOfCredit(ppa, lcTerms), eve);
const lc = (await api.query.escrow.lettersOfCredit(lcId)).unwrap();
same([lc.terms.amount.toString(), lc.held.toString()], ['6000000000000', '6000000000000'], 'storage escrow.lettersOfCredit: INR 60 lakh held at the bank');

// ---- scheduling: requisition for a day whose gate (10:00 IST the day before) is still open
// At 1,800x a 6-second chain block moves the clock 12 time blocks: both requisitions go into
// one block, and tomorrow is asked for only if that block comes well before the gate (40).
now = await gridNow();
const day = now.block < 12 ? now.day + 1 : now.day + 2;
const charlieNonce = (await api.rpc.system.accountNextIndex(charlie.address)).toNumber();
await Promise.all([
  submit(api.tx.scheduling.requisition(ppa, day, Array(96).fill(10_000)), charlie, charlieNonce),
  submit(api.tx.scheduling.requisition(rtPpa, day, Array(96).fill(10_000)), charlie, charlieNonce + 1),
]);
await waitUntil(`the requisition gate of day ${day} closes`, async () => {
  const t = await gridNow();
  return t.day > day - 1 || (t.day === day - 1 && t.block >= 40);
});
await submit(api.tx.scheduling.finalizeSchedules(day, [ppa, rtPpa]), ferdie);
await waitUntil(`block 0 of day ${day} ends`, async () => {
  const t = await gridNow();
  return t.day > day || (t.day === day && t.block >= 1);
});
const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
const metered = await submit(api.tx.scheduling.submitMeterReadings(day, 0, [[ppa, 2_500_000], [rtPpa, 2_500_000]]), ferdie);
// The real-time PPA's block is charged and paid from the advance in the same transaction.
const settled = metered.find((e) => api.events.settlement.BlockSettled.is(e) && e.data.ppa.toNumber() === rtPpa);
check(settled && settled.data.paid.toBigInt() > 0n, `settlement.BlockSettled: the real-time block paid INR ${settled?.data.paid} from the advance`);
const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
same((bobAfter - bobBefore).toString(), settled.data.paid.toBigInt().toString(), 'storage system.account: Bob received exactly what the block paid');
const account = (await api.query.scheduling.energyAccounts(ppa, day)).unwrap();
same(account.actualWh.toNumber(), 2_500_000, 'storage scheduling.energyAccounts: 2,500 kWh metered');

// ---- settlement: the day's bill is presented the day after, then Charlie pays INR 1,000
await waitUntil(`the bill of day ${day} is presented`, async () =>
  (await api.query.settlement.bills.entries(ppa)).length > 0,
);
const [[billKey, billOption]] = await api.query.settlement.bills.entries(ppa);
const billId = billKey.args[1].toNumber();
let bill = billOption.unwrap();
same([bill.firstDay.toNumber(), bill.lastDay.toNumber()], [day, day], 'storage settlement.bills: the bill is for the metered day');
await submit(api.tx.settlement.pay(bob.address, 1_000_000_000n, ppa), charlie);
bill = (await api.query.settlement.bills(ppa, billId)).unwrap();
check(bill.paid.toBigInt() > 0n, `the payment reached bill ${billId}: paid ${bill.paid}`);

// ---- defaults: a due-date duty pushed before the due date is refused with a named error
let refusal;
await submit(api.tx.defaults.pushBill(ppa, billId), bob).catch((e) => (refusal = e));
same(refusal?.message, 'defaults.NotYetDue', 'defaults.pushBill before the due date is refused: NotYetDue');
check(refusal.docs.length > 0, `the error has docs: "${refusal.docs}"`);
const standing = await api.query.defaults.standings(charlie.address);
check(standing.isNone || standing.unwrap().duesDefault.isNone, 'storage defaults.standings: Charlie is not in default');

// ---- resale: governance sets the market's parameters (the ceiling raised to INR 12/kWh)
const params = (await api.query.resale.parameters()).toJSON();
const raised = { ...params, priceCeiling: 12_000_000 };
const events = await sudo(api.tx.resale.setParameters(raised));
check(events.some((e) => api.events.resale.ParametersSet.is(e)), 'resale.ParametersSet emitted');
same((await api.query.resale.parameters()).toJSON().priceCeiling, 12_000_000, 'storage resale.parameters: ceiling INR 12');
same((await api.query.gridClock.rate()).toNumber(), 1800, 'storage gridClock.rate: a grid day in 48 s');

// ---- every custom RPC method, checked against storage, at one block
await waitUntil('the payment is finalized', async () => {
  const head = await api.rpc.chain.getFinalizedHead();
  const b = (await api.query.settlement.bills.at(head, ppa, billId));
  return b.isSome && b.unwrap().paid.toBigInt() > 0n;
});
const head = await api.rpc.chain.getFinalizedHead();
const stored = (await api.query.settlement.bills.at(head, ppa, billId)).unwrap();
const ledgerStored = await api.query.settlement.ledgers.at(head, ppa);

const ppaJson = (await api.rpc.ppa.get(ppa, head)).toJSON();
same([ppaJson.seller, ppaJson.buyer, ppaJson.ldc, ppaJson.status], [bob.address, charlie.address, ferdie.address, 'Active'], 'ppa_get: parties, load despatch centre and status');
same([ppaJson.terms[0].capacityRate, ppaJson.terms[0].station], ['900000000', 'Singrauli STPS'], 'ppa_get: terms with amounts as strings');
check((await api.rpc.ppa.get(999_999, head)).isNone, 'ppa_get: an unknown PPA is None (null)');
const of = (await api.rpc.ppa.ofParticipant(charlie.address, head)).toJSON();
check(of.buying.includes(ppa), 'ppa_ofParticipant: Charlie buys in the PPA');
const dayJson = (await api.rpc.scheduling.day(ppa, day, head)).toJSON();
same([dayJson.blocks.length, dayJson.blocks[0].scheduledKw, dayJson.blocks[0].actualWh, dayJson.blocks[1].actualWh], [96, 10_000, 2_500_000, null], 'scheduling_day: block 0 scheduled and metered');
same(dayJson.account.actualWh, account.actualWh.toNumber(), 'scheduling_day: the energy account matches storage');
const cover = (await api.rpc.psm.coverage(ppa, day, head)).toJSON();
same(cover.lettersOfCredit, '6000000000000', 'psm_coverage: the LC');
check(typeof cover.adequate === 'boolean', 'psm_coverage: adequate');
const bills = (await api.rpc.settlement.bills(ppa, day, day, head)).toJSON();
same(
  bills.map((b) => [b.id, b.billed, b.paid, b.outstanding, b.dueOn]),
  [[billId, stored.billed.toString(), stored.paid.toString(), stored.outstanding.toString(), stored.dueOn.toNumber()]],
  'settlement_bills: the bill as stored',
);
const ledger = (await api.rpc.settlement.ledger(ppa, head)).toJSON();
same([ledger.billed, ledger.paid], [ledgerStored.billed.toString(), ledgerStored.paid.toString()], 'settlement_ledger: as stored');
const dues = (await api.rpc.settlement.dues(charlie.address, 'buyer', head)).toJSON();
same(dues.outstanding, stored.outstanding.toString(), 'settlement_dues: outstanding as stored');
same(dues.ageing.current, stored.outstanding.toString(), 'settlement_dues: all of it current (not yet due)');
const sellerDues = (await api.rpc.settlement.dues(bob.address, 'seller', head)).toJSON();
const rtLedgerStored = await api.query.settlement.ledgers.at(head, rtPpa);
same(sellerDues.billed, (ledgerStored.billed.toBigInt() + rtLedgerStored.billed.toBigInt()).toString(), "settlement_dues: the seller's side, both PPAs");
const status = (await api.rpc.defaults.status(charlie.address, head)).toJSON();
same([status.inDefault, status.regulatedSharePercent], [false, 0], 'defaults_status: not in default');
const book = (await api.rpc.resale.orderBook(day + 1, head)).toJSON();
same([book.day, book.offers, book.truncated], [day + 1, [], false], 'resale_orderBook: no offers');

// Refusals are JSON-RPC errors with a code and a message.
for (const [call, code] of [
  [() => api.rpc.scheduling.day(999_999, day), 1001],
  [() => api.rpc.settlement.bills(ppa, day + 1, day), 1002],
  [() => api.rpc.settlement.bills(ppa, 0, 100_000), 1003],
]) {
  const error = await call().then(() => null, (e) => e);
  check(error && error.message.startsWith(`${code}:`), `refused with code ${code}: ${error?.message}`);
}

// The runtime APIs decode from the metadata alone.
const viaApi = (await api.call.settlementApi.bills(ppa, day, day)).toJSON();
same(viaApi.ok[0].billed.toString(), stored.billed.toString(), 'SettlementApi.bills via api.call');
const viaPpa = (await api.call.ppaApi.ppa(ppa)).toJSON();
same(viaPpa.seller, bob.address, 'PpaApi.ppa via api.call');

if (factsPath) {
  writeFileSync(
    factsPath,
    JSON.stringify({ ppa, day, bill: billId, at: head.toHex(), buyer: charlie.address, seller: bob.address }),
  );
}
console.log('polkadot-js: all checks passed');
await api.disconnect();
