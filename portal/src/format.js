// How the portal writes the chain's figures: amounts in INR with Indian digit grouping
// (1 INR = 10^6 units on chain), energy in MWh (the chain counts Wh), power in MW (kW on
// chain), grid days as IST dates (days since 1970-01-01 IST) and time blocks as IST times
// (96 blocks of 15 minutes, block 0 = 00:00-00:15).

/** INR units per rupee. */
export const UNITS = 1_000_000n;
/** Time blocks in a grid day. */
export const BLOCKS = 96;

const grouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

/** A value of the chain (a number, a decimal string, a bigint or a Codec) as a bigint. */
export function big(value) {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value.toBigInt === 'function') return value.toBigInt();
  return BigInt(value.toString());
}

/** INR units as rupees with Indian grouping and paise: `₹1,23,45,678.90`. */
export function inr(units) {
  const u = big(units);
  const negative = u < 0n;
  const abs = negative ? -u : u;
  const rupees = abs / UNITS;
  const paise = (abs % UNITS) / 10_000n;
  return `${negative ? '−' : ''}₹${grouping.format(rupees)}.${paise.toString().padStart(2, '0')}`;
}

/** Rupees (a decimal string typed by a person) as INR units, or null if it is not one. */
export function parseInr(text) {
  const match = /^\s*(\d[\d,]*)(?:\.(\d{1,6}))?\s*$/.exec(text ?? '');
  if (!match) return null;
  const rupees = BigInt(match[1].replaceAll(',', ''));
  const fraction = BigInt((match[2] ?? '').padEnd(6, '0'));
  return rupees * UNITS + fraction;
}

/** Wh as MWh with three decimals (kWh precision). */
export function mwh(wh) {
  const w = big(wh);
  const sign = w < 0n ? '−' : '';
  const abs = w < 0n ? -w : w;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n) / 1_000n;
  return `${sign}${grouping.format(whole)}.${frac.toString().padStart(3, '0')} MWh`;
}

/** kW as MW. */
export function mw(kw) {
  const k = Number(kw ?? 0);
  return `${(k / 1000).toLocaleString('en-IN', { maximumFractionDigits: 3 })} MW`;
}

/** Parts per million as a percentage. */
export function ppmPercent(ppm) {
  return `${(Number(ppm) / 10_000).toLocaleString('en-IN', { maximumFractionDigits: 2 })} %`;
}

const dateFormat = new Intl.DateTimeFormat('en-IN', {
  day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
});

/** A grid day (IST days since 1970-01-01) as its date, e.g. `1 Apr 2026`. */
export function date(day) {
  if (day === null || day === undefined) return '—';
  return dateFormat.format(new Date(Number(day) * 86_400_000));
}

/** A grid day as an HTML date input's value, `2026-04-01`. */
export function isoDate(day) {
  return new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
}

/** An HTML date input's value (`2026-04-01`) as a grid day, or null. */
export function parseIsoDate(text) {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null;
}

/** A time block (0-95) as the IST time it starts, e.g. `18:45`. */
export function blockTime(block) {
  const minutes = Number(block) * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A grid instant `{day, block}` as `1 Apr 2026 18:45 IST`. */
export function instant(now) {
  return now ? `${date(now.day)} ${blockTime(now.block)} IST` : '—';
}

/**
 * The ageing buckets of a runtime API `DuesInfo` (as `.toPrimitive()` names them from the
 * metadata: `days_1_30` becomes `days130`) as `[current, 1-30, 31-60, 61-90, over 90]`.
 */
export function ageing(dues) {
  const a = dues.ageing;
  return [a.current, a.days130 ?? a.days1To30, a.days3160 ?? a.days31To60, a.days6190 ?? a.days61To90, a.over90];
}

/** A short account address. */
export function short(address) {
  const a = String(address ?? '');
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

/** An error or event name in words: `GateClosed` → `Gate closed`. */
export function words(name) {
  const spaced = String(name).replaceAll('_', ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  return spaced.charAt(0) + spaced.slice(1).toLowerCase();
}
