// The load driver of scripts/load.sh: against a node started from the load state
// (runtime/standalone/tests/load.rs: N real-time PPAs, day D finalized, D+1 requisitioned, the
// clock at D 10:15), it runs each phase on its own and counts, block by block, what the chain
// took: the metering of one time block of every PPA (meter, charge and pay from advance),
// the finalization of D+1, requisitions for D+2, and balance transfers (the baseline).
//
//   node load.mjs ws://127.0.0.1:9944 facts.json node.log [phase ...]
//
// Phases: meter finalize requisition requisition-batch transfer (all, in this order, by
// default). For each block that carried the phase's calls it prints the items taken, the
// block's weight (normal class, ms of the 2 s block budget) and the time the node's log
// reports for building it; then PPA-blocks (or items) per block and per second. Exits non-zero if a call fails or a
// phase does not finish within its deadline.

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { readFileSync } from 'node:fs';

const [url = 'ws://127.0.0.1:9944', factsPath, logPath, ...asked] = process.argv.slice(2);
const phases = asked.length ? asked : ['meter', 'finalize', 'requisition', 'requisition-batch', 'transfer'];
const facts = JSON.parse(readFileSync(factsPath, 'utf8'));
const BLOCK_SECONDS = 6;
const WH_PER_BLOCK = facts.capacity_kw * 250; // 1 MW for a quarter hour, Wh
const SUBMIT_AT_ONCE = 256;

const api = await ApiPromise.create({ provider: new WsProvider(url), throwOnConnect: true, noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const ldc = keyring.addFromUri('//Ferdie');
// Development keys, derived once each (a derivation is slow work).
const keys = new Map();
const key = (name, i) => {
  const uri = `//${name}${i}`;
  if (!keys.has(uri)) keys.set(uri, keyring.addFromUri(uri));
  return keys.get(uri);
};
const parties = facts.parties;
// As runtime/standalone/tests/load.rs assigns them.
const buyerOf = (k) => (Math.floor(k / parties) + k) % parties;

// Each signer's next nonce, read once and counted here.
const nonces = new Map();
async function nonce(pair) {
  if (!nonces.has(pair.address)) {
    nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
  }
  const n = nonces.get(pair.address);
  nonces.set(pair.address, n + 1);
  return n;
}

// Signs every call first (so that signing time is not block time), and orders them by nonce:
// a signer's calls reach the pool in order, never more than a chunk of them ahead (the pool
// keeps few calls whose predecessors it has not seen).
async function signAll(calls) {
  const signed = [];
  for (const [tx, pair] of calls) {
    const n = await nonce(pair);
    signed.push([n, await tx.signAsync(pair, { nonce: n, era: 0 })]);
    // Signing is synchronous work: let the connection's own messages through now and then.
    if (signed.length % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return signed.sort((a, b) => a[0] - b[0]).map(([, tx]) => tx);
}

async function submitAll(signed) {
  for (let i = 0; i < signed.length; i += SUBMIT_AT_ONCE) {
    await Promise.all(signed.slice(i, i + SUBMIT_AT_ONCE).map((tx) => api.rpc.author.submitExtrinsic(tx)));
  }
}

// The node's own account of building each block: "Prepared block for proposing at N (T ms)".
function buildTimes() {
  const times = new Map();
  if (!logPath) return times;
  for (const m of readFileSync(logPath, 'utf8').matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) {
    times.set(Number(m[1]), Number(m[2]));
  }
  return times;
}

// Runs one phase: `calls` submitted, `counts(event)` the items an event stands for, `expected`
// items in all. Returns per-block rows.
async function run(name, calls, counts, expected) {
  const signed = await signAll(calls);
  const rows = [];
  let taken = 0;
  let failed = null;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const unsub = await api.rpc.chain.subscribeNewHeads(async (header) => {
    const hash = header.hash;
    const at = await api.at(hash);
    const [events, weight] = await Promise.all([at.query.system.events(), at.query.system.blockWeight()]);
    let items = 0;
    for (const { event } of events) {
      items += counts(event);
      if (api.events.system.ExtrinsicFailed.is(event)) {
        const [error] = event.data;
        failed = error.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(error.asModule)) : error.toString();
      }
    }
    if (items > 0) {
      rows.push({ block: header.number.toNumber(), items, weightMs: weight.normal.refTime.toBigInt() / 1_000_000_000n });
      taken += items;
    }
    if (taken >= expected || failed) done();
  });
  const start = Date.now();
  await submitAll(signed);
  const deadline = setTimeout(() => done(), 600_000);
  await finished;
  clearTimeout(deadline);
  unsub();
  if (failed) throw new Error(`${name}: a call failed: ${failed}`);
  if (taken < expected) throw new Error(`${name}: ${taken} of ${expected} taken within 10 minutes`);
  const times = buildTimes();
  console.log(`\n== ${name}: ${expected} items in ${rows.length} blocks (${((Date.now() - start) / 1000).toFixed(0)} s from the first submission)`);
  console.log('block   items  weight ms  built ms');
  for (const r of rows) {
    console.log(`${String(r.block).padStart(5)} ${String(r.items).padStart(7)} ${String(r.weightMs).padStart(10)} ${String(times.get(r.block) ?? '?').padStart(9)}`);
  }
  // Full blocks: those within a tenth of the heaviest (the first may have been built while the
  // calls were still arriving, the last took what was left).
  const heaviest = rows.reduce((m, r) => (r.weightMs > m ? r.weightMs : m), 0n);
  const full = rows.filter((r) => r.weightMs * 10n >= heaviest * 9n);
  const perBlock = full.reduce((s, r) => s + r.items, 0) / full.length;
  const weightUs = (full.reduce((s, r) => s + Number(r.weightMs), 0) * 1000) / (perBlock * full.length);
  const built = full.map((r) => times.get(r.block)).filter((t) => t !== undefined);
  const builtUs = built.length ? (built.reduce((s, t) => s + t, 0) * 1000) / (perBlock * built.length) : NaN;
  console.log(`${name}: ${perBlock.toFixed(0)} per block, ${(perBlock / BLOCK_SECONDS).toFixed(0)} per second (full blocks); ` +
    `weight ${weightUs.toFixed(0)} us and build time ${builtUs.toFixed(0)} us per item`);
  return perBlock;
}

const results = {};
const ppas = facts.ppas;
const batches = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
for (const phase of phases) {
  if (phase === 'meter') {
    // In the LDC's order, by buyer then seller: a batch is charged once for each party it pays.
    // LOAD_METER_BATCH readings a call (default the largest, MaxBatch).
    const size = Number(process.env.LOAD_METER_BATCH || facts.max_batch);
    const calls = batches(facts.meter_order ?? ppas, size).map((chunk) => [
      api.tx.scheduling.submitMeterReadings(facts.metered_day, 0, chunk.map((p) => [p, WH_PER_BLOCK])),
      ldc,
    ]);
    results.meter = await run('meter (PPA-blocks metered, charged, paid)', calls, (e) => (api.events.scheduling.EnergyMetered.is(e) ? 1 : 0), ppas.length);
  } else if (phase === 'finalize') {
    // LOAD_FINALIZE_BATCH PPAs a call (default the largest, MaxBatch).
    const size = Number(process.env.LOAD_FINALIZE_BATCH || facts.max_batch);
    const calls = batches(ppas, size).map((chunk) => [api.tx.scheduling.finalizeSchedules(facts.finalize_day, chunk), ldc]);
    results.finalize = await run('finalize (schedules)', calls, (e) => (api.events.scheduling.ScheduleFinalized.is(e) ? 1 : 0), ppas.length);
  } else if (phase === 'requisition' || phase === 'requisition-batch') {
    // `requisition`: one call a PPA, from its buyer. `requisition-batch`: each buyer's in calls
    // of LOAD_REQUISITION_BATCH (`submitRequisitions`; default the largest, MaxRequisitions).
    const size = phase === 'requisition' ? 1 : Number(process.env.LOAD_REQUISITION_BATCH || facts.max_requisitions);
    const profile = Array(96).fill(facts.capacity_kw);
    const byBuyer = new Map();
    ppas.forEach((p, k) => byBuyer.set(buyerOf(k), [...(byBuyer.get(buyerOf(k)) ?? []), p]));
    const calls = [...byBuyer].flatMap(([buyer, own]) =>
      size === 1
        ? own.map((p) => [api.tx.scheduling.requisition(p, facts.requisition_day, profile), key('buyer', buyer)])
        : batches(own, size).map((chunk) => [
            api.tx.scheduling.submitRequisitions(facts.requisition_day, chunk.map((p) => [p, profile])),
            key('buyer', buyer),
          ]),
    );
    results[phase] = await run(`${phase} (${size} a call)`, calls, (e) => (api.events.scheduling.Requisitioned.is(e) ? 1 : 0), ppas.length);
  } else if (phase === 'transfer') {
    const calls = ppas.map((_, k) => [api.tx.balances.transferKeepAlive(key('dest', k % 1000).address, 1_000_000), key('seller', k % parties)]);
    results.transfer = await run('transfer (baseline)', calls, (e) => (api.events.balances.Transfer.is(e) ? 1 : 0), ppas.length);
  } else {
    throw new Error(`unknown phase ${phase}`);
  }
}
// scripts/load.sh gathers these lines (one driver a phase) and prints the ratio of
// PPA-blocks to transfers.
console.log(`\nRESULT ${JSON.stringify(results)}`);
await api.disconnect();
