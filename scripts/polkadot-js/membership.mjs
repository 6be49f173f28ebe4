// Validator membership by governance, on the local testnet. node/tests/membership.rs starts
// Alice, Bob and Charlie (three of the four genesis validators; Dave's node is offline) and
// Eve's node (a consortium member's well-known node, not a validator yet), then runs
//
//   node membership.mjs ws://<alice's node> ws://<eve's node>
//
// Eve's operator generates session keys in her node's keystore (author_rotateKeysWithOwner,
// her account as owner) and registers them from her account (session.setKeys). Governance
// (sudo) adds Eve and removes Dave, who is offline, in the same session: from the session
// after next Eve authors blocks in her Aura slots and finality goes on with her vote. Then
// governance removes Charlie: from the session after next Charlie authors nothing, and
// Alice, Bob and Eve finalize alone. Exits non-zero on the first mismatch.

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { rpc } from './definitions.mjs';
import { check, same, say, note, submitter } from './story.mjs';
import { auraAuthor, sudo, waitUntil } from './consortium.mjs';

const [aliceUrl, eveUrl] = process.argv.slice(2);
const DEADLINE_MS = 300_000; // generous: CI shares two cores with the build

const api = await ApiPromise.create({ provider: new WsProvider(aliceUrl), rpc, throwOnConnect: true });
const eveNode = new WsProvider(eveUrl);
await eveNode.isReadyOrError;
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const who = Object.fromEntries(
  ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n, keyring.addFromUri(`//${n}`)]),
);
const name = (address) => Object.keys(who).find((n) => who[n].address === address.toString()) ?? address.toString();
const { send } = submitter(api);

// Aura keys by owner: the dev validators' are their account keys; Eve's are generated below.
const auraNames = new Map(['Alice', 'Bob', 'Charlie', 'Dave'].map((n) => [`0x${Buffer.from(who[n].publicKey).toString('hex')}`, n]));

/// Who authored block `n` of the best chain.
async function authorAt(n) {
  const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
  const key = await auraAuthor(api, header);
  return auraNames.get(key) ?? key;
}

const sessionIndex = async () => (await api.query.session.currentIndex()).toNumber();
const sessionValidators = async () => (await api.query.session.validators()).map(name);
const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const finalized = async () =>
  (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

say('The consortium at the start');
same((await api.query.validatorSet.validators()).map(name).sort(), ['Alice', 'Bob', 'Charlie', 'Dave'], 'validatorSet.validators: the four genesis validators');
same(api.consts.validatorSet.minValidators.toNumber(), 3, 'at least three validators');
const sessionLength = (await api.query.validatorSet.sessionLength()).toNumber();
note(`sessions of ${sessionLength} blocks; session ${await sessionIndex()} at block ${await best()}`);

say("Eve's operator generates session keys in her node's keystore and registers them");
const generated = await eveNode.send('author_rotateKeysWithOwner', [`0x${Buffer.from(who.Eve.publicKey).toString('hex')}`]);
const keys = api.createType(api.tx.session.setKeys.meta.args[0].type.toString(), generated.keys);
auraNames.set(keys.aura.toHex(), 'Eve');
note(`aura ${keys.aura.toHex()}, grandpa ${keys.grandpa.toHex()}`);
check(await eveNode.send('author_hasSessionKeys', [generated.keys]), "Eve's node holds the private keys");
const refused = await sudo(api, send, who.Alice, api.tx.validatorSet.addValidator(who.Eve.address));
same(refused, 'validatorSet.NoSessionKeys', 'governance cannot add Eve before she registers keys');
await send(api.tx.session.setKeys(keys, generated.proof), who.Eve);
check((await api.query.session.nextKeys(who.Eve.address)).isSome, 'session.nextKeys: Eve\'s keys registered, with a valid proof of ownership');

say('Governance adds Eve and removes Dave (offline) in one session');
const [added, removed] = await Promise.all([
  sudo(api, send, who.Alice, api.tx.validatorSet.addValidator(who.Eve.address)),
  sudo(api, send, who.Alice, api.tx.validatorSet.removeValidator(who.Dave.address)),
]);
same([added, removed], [null, null], 'validatorSet.addValidator(Eve) and removeValidator(Dave) succeed');
const decidedIn = await sessionIndex();
same((await api.query.validatorSet.validators()).map(name).sort(), ['Alice', 'Bob', 'Charlie', 'Eve'], 'validatorSet.validators: decided');
check(!(await sessionValidators()).includes('Eve'), 'Eve does not author yet: the session pallet enacts at a session boundary');

await waitUntil('the session after next begins', DEADLINE_MS, async () => (await sessionIndex()) >= decidedIn + 2);
same((await sessionValidators()).sort(), ['Alice', 'Bob', 'Charlie', 'Eve'], `session ${await sessionIndex()}: Eve is a validator, Dave is not`);
same((await api.query.aura.authorities()).length, 4, 'Aura has four authorities');
same((await api.call.grandpaApi.grandpaAuthorities()).map(([id]) => id.toHex()).includes(keys.grandpa.toHex()), true, "GRANDPA's set has Eve's key");
const enacted = await best();
let eveBlock;
let looked = enacted;
await waitUntil('Eve authors a block', DEADLINE_MS, async () => {
  for (const top = await best(); looked < top && !eveBlock; ) {
    looked += 1;
    if ((await authorAt(looked)) === 'Eve') eveBlock = looked;
  }
  return eveBlock !== undefined;
});
note(`Eve authored block ${eveBlock}`);
await waitUntil(`block ${eveBlock} is finalized`, DEADLINE_MS, async () => (await finalized()) >= eveBlock);
check(true, `block ${eveBlock}, Eve's, is finalized by Alice, Bob, Charlie and Eve`);

say('Governance removes Charlie');
same(await sudo(api, send, who.Alice, api.tx.validatorSet.removeValidator(who.Charlie.address)), null, 'validatorSet.removeValidator(Charlie) succeeds');
same(await sudo(api, send, who.Alice, api.tx.validatorSet.removeValidator(who.Bob.address)), 'validatorSet.TooFewValidators', 'removing a third would leave fewer than three: refused');
const removedIn = await sessionIndex();
await waitUntil('the session after next begins', DEADLINE_MS, async () => (await sessionIndex()) >= removedIn + 2);
same((await sessionValidators()).sort(), ['Alice', 'Bob', 'Eve'], `session ${await sessionIndex()}: Charlie is no longer a validator`);
const from = await best();
// Two rounds of the three remaining validators' slots, and more: Charlie's slots are gone.
await waitUntil(`8 blocks after block ${from} are imported and finalized`, DEADLINE_MS, async () => (await finalized()) >= from + 8);
const after = [];
for (let n = from + 1; n <= from + 8; n += 1) after.push(await authorAt(n));
note(`authors of blocks ${from + 1}-${from + 8}: ${after.join(', ')}`);
check(!after.includes('Charlie'), 'Charlie authored none of them');
for (const n of ['Alice', 'Bob', 'Eve']) check(after.includes(n), `${n} authored some`);
check(true, `finality passed block ${from + 8} with Alice, Bob and Eve voting`);

await api.disconnect();
await eveNode.disconnect();
console.log('\nmembership: Eve joined and authors, Charlie left and stopped, finality went on');
process.exit(0);
