// A forkless runtime upgrade through the admin origin (scripts/upgrade-runtime.sh runs it):
//
//   node upgrade.mjs ws://127.0.0.1:9944 runtime.compact.compressed.wasm council //A,//B,//C
//   node upgrade.mjs ws://127.0.0.1:9944 runtime.compact.compressed.wasm sudo //Alice
//
// Records the runtime version, every pallet's storage version and the registry's contracts
// and participants. With `council` (the default), the given members who sit on the chain's
// council move and carry a motion of two thirds that authorizes the code's hash
// (validatorSet.authorizeUpgrade), then the first uploads it (system.applyAuthorizedUpgrade);
// with `sudo` (dev chains only), the sudo key submits sudo(system.setCode). Waits until the
// new runtime is the best block's and the finalized block's, and blocks go on under it; then
// checks that the storage versions, contracts and participants are what they were (storage
// versions at least). Exits non-zero on the first mismatch.

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto'; // installed with @polkadot/api
import { readFileSync } from 'node:fs';
import { rpc } from './definitions.mjs';
import { check, same, say, note, submitter } from './story.mjs';
import { waitUntil } from './consortium.mjs';
import { motion, twoThirds } from './council.mjs';

const [url, wasmPath, mode = 'council', uris = '//Alice,//Bob,//Charlie'] = process.argv.slice(2);
const DEADLINE_MS = 300_000; // generous: CI shares two cores with the build
if (mode !== 'council' && mode !== 'sudo') throw new Error(`upgrade: mode ${mode} is neither council nor sudo`);

const provider = new WsProvider(url);
const api = await ApiPromise.create({ provider, rpc, throwOnConnect: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const signers = uris.split(',').map((uri) => keyring.addFromUri(uri));
const { send } = submitter(api);
const wasm = readFileSync(wasmPath);

// (An absent block hash must be left out, not passed as undefined: that means block 0x00…00.)
const version = async (...hash) => (await api.rpc.state.getRuntimeVersion(...hash)).specVersion.toNumber();
const header = async (...hash) => api.rpc.chain.getHeader(...hash);
const finalizedHash = async () => api.rpc.chain.getFinalizedHead();
const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());

/// What an upgrade must leave alone: each pallet's storage version, the registry's PPAs and
/// participants (as stored, SCALE bytes).
async function snapshot(api) {
  const versions = {};
  for (const name of pallets) {
    const key = xxhashAsHex(name, 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);
    versions[name] = await provider.send('state_getStorage', [key]);
  }
  const entries = async (query, read = (v) => v.toHex()) =>
    Object.fromEntries((await query.entries()).map(([k, v]) => [k.toHex(), read(v)]));
  // A PPA's record with its versions counted: the registry's storage version 4 keeps each
  // version's first day where 3 kept their number.
  const ppa = (v) => {
    const record = v.toJSON();
    return record && { ...record, versions: Array.isArray(record.versions) ? record.versions.length : record.versions };
  };
  return { versions, ppas: await entries(api.query.registry.ppas, ppa), participants: await entries(api.query.registry.participants) };
}
say('Before the upgrade');
const before = await version();
const spec = api.runtimeVersion.specName.toString();
const state = await snapshot(api);
note(`${spec} spec_version ${before} at block ${(await header()).number}; ${Object.keys(state.ppas).length} PPAs, ${Object.keys(state.participants).length} participants`);
const storageVersion = (hex) => parseInt(hex.slice(4, 6) + hex.slice(2, 4), 16); // u16, little-endian
note(`storage versions: ${Object.entries(state.versions).filter(([, v]) => v).map(([p, v]) => `${p} ${storageVersion(v)}`).join(', ')}`);

const code = `0x${wasm.toString('hex')}`;
let hash;
if (mode === 'sudo') {
  say(`The sudo key submits the new runtime (${(wasm.length / 1024).toFixed(0)} KiB) with sudo(system.setCode)`);
  // The events of the block that sets the code are read below, once the new runtime is live,
  // through a fresh connection: this one swaps its type registry for the new runtime's while
  // the block is being reported, and may decode that block's events with the wrong types.
  ({ hash } = await send(api.tx.sudo.sudo(api.tx.system.setCode(code)), signers[0]));
} else {
  const council = (await api.query.council.members()).map((m) => m.toString());
  const ayes = signers.filter((s) => council.includes(s.address));
  const threshold = twoThirds(council.length);
  check(ayes.length >= threshold, `${ayes.length} of the given keys sit on the council of ${council.length}: ${threshold} needed`);
  const codeHash = blake2AsHex(wasm, 256);
  say(`${threshold} of the council's ${council.length} members authorize the runtime ${codeHash}`);
  const authorized = await motion(api, send, ayes.slice(0, threshold), api.tx.validatorSet.authorizeUpgrade(codeHash), threshold);
  same(authorized.error, null, 'the motion validatorSet.authorizeUpgrade is carried');
  say(`The new runtime (${(wasm.length / 1024).toFixed(0)} KiB) is uploaded with system.applyAuthorizedUpgrade`);
  ({ hash } = await send(api.tx.system.applyAuthorizedUpgrade(code), ayes[0]));
}
const upgradedAt = (await header(hash)).number.toNumber();

say('The new runtime is live');
await waitUntil('the best block runs the new runtime', DEADLINE_MS, async () => (await version()) !== before);
const after = await version();
check(after > before, `spec_version ${before} → ${after} from block ${upgradedAt + 1}`);
const fresh = await ApiPromise.create({ provider: new WsProvider(url), rpc, throwOnConnect: true });
// `at` decodes a block's events with the registry of the runtime that built it.
const events = (await (await fresh.at(hash)).query.system.events()).map(({ event }) => event);
if (mode === 'sudo') {
  const sudid = events.find((e) => fresh.events.sudo.Sudid.is(e));
  check(sudid !== undefined, 'sudo.Sudid');
  same(sudid.data[0].isOk ? null : sudid.data[0].asErr.toString(), null, 'sudo(system.setCode) succeeds');
}
check(events.some((e) => fresh.events.system.CodeUpdated.is(e)), 'system.CodeUpdated');
await waitUntil('a block under the new runtime is finalized', DEADLINE_MS, async () => {
  const f = await finalizedHash();
  return (await header(f)).number.toNumber() > upgradedAt && (await version(f)) === after;
});
check(true, 'finalized under the new runtime');
await waitUntil('three more blocks are built', DEADLINE_MS, async () => (await header()).number.toNumber() >= upgradedAt + 4);
check(true, `blocks go on: best ${(await header()).number}`);

say('State is intact');
const now = await snapshot(fresh);
// A migration may raise a pallet's storage version; none may lower it or lose it.
const lowered = Object.entries(state.versions).filter(
  ([p, v]) => v && !(now.versions[p] && storageVersion(now.versions[p]) >= storageVersion(v)),
);
same(lowered, [], 'no pallet\'s storage version went down');
same(now.ppas, state.ppas, `registry.ppas: the ${Object.keys(state.ppas).length} PPAs as they were`);
same(now.participants, state.participants, `registry.participants: the ${Object.keys(state.participants).length} participants as they were`);

await fresh.disconnect();
await api.disconnect();
console.log(`\nupgrade: ${spec} ${before} → ${after} live from block ${upgradedAt + 1} and finalized; state intact`);
process.exit(0);
