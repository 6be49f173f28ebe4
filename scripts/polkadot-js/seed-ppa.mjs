// Puts a PPA on a chain, for rehearsals that need contract state (node/tests/upgrade.rs):
// governance (sudo: Alice) registers Bob as a generator, Ferdie as a buyer and Eve as the
// load despatch centre; Bob proposes a 100 MW PPA starting in 30 days and Ferdie signs it.
//
//   node seed-ppa.mjs ws://127.0.0.1:9944

import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { rpc } from './definitions.mjs';
import { same, say, submitter } from './story.mjs';
import { sudo } from './consortium.mjs';

const api = await ApiPromise.create({ provider: new WsProvider(process.argv[2]), rpc, throwOnConnect: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
const [alice, bob, eve, ferdie] = ['Alice', 'Bob', 'Eve', 'Ferdie'].map((n) => keyring.addFromUri(`//${n}`));
const { send } = submitter(api);

say('Governance registers a generator, a buyer and their load despatch centre; they sign a PPA');
for (const [who, role, name] of [[bob, 'Generator', 'NTPC Singrauli'], [ferdie, 'Buyer', 'UPPCL'], [eve, 'LoadDespatchCentre', 'NRLDC']]) {
  same(await sudo(api, send, alice, api.tx.registry.registerParticipant(who.address, [role], name, '0x' + '01'.repeat(32))), null, `${name} registered as ${role}`);
}
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
  calendarMonths: false,
  paymentSecurity: { lcPercentOfMonthlyBilling: 110, paymentBg: null },
  autoResaleOffer: false,
  agreementHash: '0x' + '02'.repeat(32),
};
const ppa = (await api.query.registry.nextPpaId()).toNumber();
await send(api.tx.registry.proposePpa(bob.address, ferdie.address, eve.address, terms), bob);
// The countersignature carries the BLAKE2-256 hash of the SCALE-encoded terms Ferdie read.
const proposal = (await api.query.registry.proposals(ppa)).unwrap();
await send(api.tx.registry.signPpa(ppa, api.registry.hash(proposal.toU8a()).toHex()), ferdie);
same((await api.query.registry.ppas(ppa)).unwrap().buyer.toString(), ferdie.address, `PPA ${ppa} signed by both parties`);
await api.disconnect();
process.exit(0);
