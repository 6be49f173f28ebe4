// Polkadot.js definitions of the PPA chain's custom JSON-RPC methods (the `rpc/` crate).
//
// Add them when creating the API:
//   import { rpc } from './definitions.mjs';
//   const api = await ApiPromise.create({ provider, rpc });
//   const bills = (await api.rpc.settlement.bills(0, 20781, 20811)).toJSON();
//
// Results are JSON documents (`Json`; a list is `Vec<Json>`, a missing PPA `Option<Json>`;
// `.toJSON()` gives plain objects): amounts are INR units (10^6 per rupee) as decimal
// strings, accounts SS58 addresses, days grid days (IST days since 1970-01-01). Every method
// takes an optional block hash last.
//
// The runtime APIs behind them (PpaApi, SchedulingApi, PsmApi, SettlementApi, DefaultsApi,
// ResaleApi) need no definitions: their types are in the runtime's metadata (v15), so
// `api.call.settlementApi.bills(0, from, to)` and Polkadot.js Apps' "Runtime calls" page decode
// them as they are.

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const ppa = { name: 'ppa', type: 'u32' };
const day = { name: 'day', type: 'u32' };
const who = { name: 'who', type: 'AccountId' };

export const rpc = {
  ppa: {
    get: { description: 'A PPA, its parties and status, and every agreed version of its terms (None if unknown)', params: [{ name: 'id', type: 'u32' }, at], type: 'Option<Json>' },
    ofParticipant: { description: 'The PPAs in which an account sells and buys', params: [who, at], type: 'Json' },
  },
  grid: {
    now: { description: 'The grid time of the block: IST day and time block', params: [at], type: 'Json' },
  },
  scheduling: {
    day: { description: "A PPA's schedule, availability and metering for a day, block by block, and the day's energy account", params: [ppa, day, at], type: 'Json' },
  },
  psm: {
    coverage: { description: "A PPA's payment security (LCs, advance, BGs) against what a day's schedule requires", params: [ppa, day, at], type: 'Json' },
  },
  settlement: {
    bills: { description: 'Bills of a PPA whose period overlaps the days from..=to, with payments and LPS', params: [ppa, { name: 'from', type: 'u32' }, { name: 'to', type: 'u32' }, at], type: 'Vec<Json>' },
    ledger: { description: "A PPA's dues ledger, real-time settlement included", params: [ppa, at], type: 'Json' },
    dues: { description: "What an account owes as a buyer or is owed as a seller ('buyer' | 'seller'), aged, with LPS", params: [who, { name: 'side', type: 'Text' }, at], type: 'Json' },
  },
  defaults: {
    status: { description: "A buyer's default and graded regulation", params: [who, at], type: 'Json' },
  },
  resale: {
    orderBook: { description: 'The resale order book and results of a delivery day', params: [day, at], type: 'Json' },
  },
};

// JSON-RPC error codes of refused reads.
export const errors = {
  1000: 'the runtime could not answer (unknown block, a runtime without this API)',
  1001: 'unknown PPA',
  1002: 'bad day range: the first day is after the last',
  1003: 'day range too long (more than 400 days)',
};
