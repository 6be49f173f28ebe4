// A consortium governs itself without sudo (the node test `consortium` runs it against a
// chain from `ppa-node consortium-spec`):
//
//   node governance.mjs ws://<a validator> ws://<another validator> //Member-1,//Member-2,... \
//     //Fifth-operator //Regulator //Discom //Generator //LDC
//
// Checks that the chain has no sudo key; that an outsider can neither act as admin nor
// propose, one member alone or half of them cannot act, and a unanimous motion cannot mint; that two thirds of
// the council register a participant and add a validator (whose session keys the second node
// generates, with the fifth operator as owner); and that the regulator's signed ruling passes
// the origin a discom's does not. The registered generator and the discom then sign a PPA
// (so that an upgrade after this has a contract to keep). Exits non-zero on the first
// mismatch.

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { rpc } from './definitions.mjs';
import { check, same, say, note, submitter } from './story.mjs';
import { motion, twoThirds } from './council.mjs';

const [url, keysUrl, members, fifthUri, regulatorUri, discomUri, generatorUri, ldcUri] = process.argv.slice(2);
const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, throwOnConnect: true });
const keysNode = new WsProvider(keysUrl);
await keysNode.isReady;
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const council = members.split(',').map((uri) => keyring.addFromUri(uri));
const [fifth, regulator, discom, generator, ldc] = [fifthUri, regulatorUri, discomUri, generatorUri, ldcUri].map((uri) => keyring.addFromUri(uri));
const { send } = submitter(api);
const refusal = async (promise) => promise.then(() => null, (e) => e.message);
const threshold = twoThirds(council.length);

say('No sudo key: only the council governs');
same((await api.query.sudo.key()).isNone, true, 'sudo.key is none');
same((await api.query.council.members()).length, council.length, `council of ${council.length}`);
const register = api.tx.registry.registerParticipant(generator.address, ['Generator'], 'NTPC Singrauli STPS', '0x' + '01'.repeat(32));

say('Outsiders and a lone member are refused');
same(await refusal(send(register, discom)), 'BadOrigin', 'a discom cannot register a participant');
same(await refusal(send(api.tx.council.propose(1, register, register.method.encodedLength), discom)), 'council.NotMember', 'a discom cannot move a motion');
const lone = await motion(api, send, [council[0]], register, 1);
same(lone.error, 'BadOrigin', 'one member alone (a motion of threshold 1) is refused');
const half = Math.floor(council.length / 2);
const short = await motion(api, send, council.slice(0, half), register, half);
same(short.error, 'BadOrigin', `${half} of ${council.length} ayes (a motion of threshold ${half}) are refused: below two thirds`);
same((await api.query.registry.participants(generator.address)).isNone, true, 'nobody registered');

say(`Two thirds of the council (${threshold} of ${council.length}) register a generator`);
const carried = await motion(api, send, council.slice(0, threshold), register, threshold);
same(carried.error, null, 'the motion executes');
same((await api.query.registry.participants(generator.address)).isSome, true, 'registry.participants: the generator');

say('Two thirds of the council add a validator');
const generated = await keysNode.send('author_rotateKeysWithOwner', [`0x${Buffer.from(fifth.publicKey).toString('hex')}`]);
const keys = api.createType(api.tx.session.setKeys.meta.args[0].type.toString(), generated.keys);
await send(api.tx.session.setKeys(keys, generated.proof), fifth);
const added = await motion(api, send, council.slice(1, 1 + threshold), api.tx.validatorSet.addValidator(fifth.address), threshold);
same(added.error, null, 'validatorSet.addValidator carried');
check((await api.query.validatorSet.validators()).some((v) => v.eq(fifth.address)), 'the fifth operator is a validator from the session after next');

say('No motion mints money');
const issuance = (await api.query.balances.totalIssuance()).toBigInt();
const mint = await motion(api, send, council, api.tx.balances.forceSetBalance(council[0].address, 10n ** 20n), threshold);
same(mint.error, 'BadOrigin', 'a unanimous motion of balances.forceSetBalance is refused');
// Fees are burned, so the issuance falls by the motion's fees; it never rises.
const after = (await api.query.balances.totalIssuance()).toBigInt();
check(after <= issuance && issuance - after < 10n ** 9n, `total issuance did not rise (fees burned: ${issuance - after} units)`);
check((await api.query.system.account(council[0].address)).data.free.toBigInt() < 10n ** 20n, 'the member\'s balance was not set');

say('The regulator rules; a discom does not');
// No bill 7 of PPA 7 exists: the regulator's call passes the origin and fails on the facts; the
// discom's fails on the origin. (The runtime test `trust` rules on a real dispute.)
const ruling = api.tx.settlement.resolveDispute(7, 7, 1);
same(await refusal(send(ruling, discom)), 'BadOrigin', "a discom's ruling is refused: not the regulator");
same(await refusal(send(ruling, regulator)), 'settlement.NoSuchBill', "the regulator's ruling passes the origin and finds no such bill");

say('The generator the council registered and the discom sign a PPA');
const today = (await api.rpc.grid.now()).toJSON().day;
const terms = {
  capacityKw: 100_000,
  station: 'Singrauli STPS',
  startDay: today + 30,
  endDay: today + 395,
  capacityRate: 900_000_000n,
  energyRate: 2_000_000n,
  transmissionRate: 0,
  billingPeriod: 'Daily',
  dueDays: 45,
  rebateTiers: [{ withinDays: 5, rebate: 15_000 }],
  lpsRateCap: null,
  calendarMonths: true,
  normativeAvailability: 850_000,
  lcOnPresentation: false,
  paymentSecurity: { lcPercentOfMonthlyBilling: 110, paymentBg: null },
  autoResaleOffer: false,
  agreementHash: '0x' + '02'.repeat(32),
};
const ppa = (await api.query.registry.nextPpaId()).toNumber();
await send(api.tx.registry.proposePpa(generator.address, discom.address, ldc.address, terms), generator);
// The countersignature carries the BLAKE2-256 hash of the SCALE-encoded terms the discom read.
const proposal = (await api.query.registry.proposals(ppa)).unwrap();
await send(api.tx.registry.signPpa(ppa, api.registry.hash(proposal.toU8a()).toHex()), discom);
same((await api.query.registry.ppas(ppa)).unwrap().buyer.toString(), discom.address, `PPA ${ppa} signed by both parties`);

note(`governance: done at block ${(await api.rpc.chain.getHeader()).number}`);
await keysNode.disconnect();
await api.disconnect();
process.exit(0);
