// Shared pieces of the demo's driver (demo.mjs): formatting in the words and units of a grid
// operator, checks that stop the story on a mismatch, and transaction submission.

/// INR units per rupee (the chain's token has 6 decimals).
export const UNITS = 1_000_000n;
export const CRORE = 10_000_000n * UNITS;
/// Wh of one kW over a 15-minute time block.
export const WH_PER_KW_BLOCK = 250n;
/// Time blocks in a grid day.
export const BLOCKS = 96;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/// A grid day (IST days since 1970-01-01) as "18 May 2026".
export function date(day) {
  const d = new Date(day * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/// A time block's start as "HH:MM" IST.
export function clock(block) {
  const minutes = block * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/// Digits grouped the Indian way: 1,23,45,678.
function indian(digits) {
  if (digits.length <= 3) return digits;
  const last = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last}`;
}

/// INR units as "INR 1,86,25,000.00" (paise), or with all six decimals when finer.
export function inr(units) {
  const u = BigInt(units);
  const sign = u < 0n ? '-' : '';
  const abs = u < 0n ? -u : u;
  const whole = indian((abs / UNITS).toString());
  const frac = (abs % UNITS).toString().padStart(6, '0');
  const decimals = frac.endsWith('0000') ? frac.slice(0, 2) : frac;
  return `INR ${sign}${whole}.${decimals}`;
}

/// Wh as MWh with up to three decimals (kWh precision).
export function mwh(wh) {
  const w = BigInt(wh);
  const whole = indian((w / 1_000_000n).toString());
  const kwh = (w % 1_000_000n) / 1_000n;
  return kwh === 0n ? `${whole} MWh` : `${whole}.${kwh.toString().padStart(3, '0')} MWh`;
}

/// kW as MW.
export function mw(kw) {
  const k = Number(kw);
  return `${(k / 1000).toLocaleString('en-IN', { maximumFractionDigits: 3 })} MW`;
}

export class Mismatch extends Error {}

/// Stops the story unless `actual` equals `expected` (compared as JSON, BigInts as strings).
export function same(actual, expected, what) {
  const json = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  if (json(actual) !== json(expected)) {
    throw new Mismatch(`${what}\n      chain:    ${json(actual)}\n      expected: ${json(expected)}`);
  }
  console.log(`   ✓ ${what}`);
}

export function check(condition, what) {
  if (!condition) throw new Mismatch(what);
  console.log(`   ✓ ${what}`);
}

/// A narrated step.
export function say(text) {
  console.log(`\n▶ ${text}`);
}

export function note(text) {
  console.log(`   ${text}`);
}

/// Transaction submission: `submit` resolves once the pool has the transaction (so the next
/// one from the same account takes the next nonce) with `included`, a promise of the events
/// and block hash once in a block; a failed dispatch rejects with `section.Name`.
export function submitter(api) {
  const decode = (dispatchError) => {
    if (dispatchError.isModule) {
      const { section, name } = api.registry.findMetaError(dispatchError.asModule);
      return new Error(`${section}.${name}`);
    }
    return new Error(dispatchError.toString());
  };
  // Nonces are counted here, so that many transactions of one account can be in flight at
  // once: the pool's `accountNextIndex` may not yet count one just submitted. A refused
  // submission makes the next one ask the chain again.
  const nonces = new Map();
  const reserve = (address) => {
    const mine = nonces.get(address) ?? api.rpc.system.accountNextIndex(address).then((n) => n.toNumber());
    nonces.set(address, mine.then((n) => n + 1));
    return mine;
  };
  async function submit(tx, signer) {
    const nonce = await reserve(signer.address);
    let resolve, reject;
    const included = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Marked handled here: callers await it later, or let the story fail on it.
    included.catch(() => {});
    let unsubscribe;
    const onStatus = ({ status, events, dispatchError }) => {
      if (status.isInBlock) {
        unsubscribe?.();
        if (dispatchError) reject(decode(dispatchError));
        else resolve({ events: events.map(({ event }) => event), hash: status.asInBlock });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsubscribe?.();
        reject(new Error(`transaction ${status.type}`));
      }
    };
    try {
      unsubscribe = await tx.signAndSend(signer, { nonce }, onStatus);
    } catch (e) {
      nonces.delete(signer.address);
      throw e;
    }
    return { included };
  }
  const send = async (tx, signer) => (await submit(tx, signer)).included;
  return { submit, send };
}
