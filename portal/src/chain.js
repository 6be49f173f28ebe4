// The portal's one connection to a node: follows the best block, reads through the runtime
// APIs and storage at that block, and says when the node cannot be reached (it keeps trying).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { ActivityLog } from './log.js';

/** How often the portal retries an unreachable node, ms. */
const RETRY_MS = 2500;

/**
 * Connects to `url` and calls `onChange(state)` on every change: `status` (`connecting`,
 * `ready`, `unreachable`), `api`, `head` (`{number, hash}` of the best block), `now` (the grid
 * instant `{day, block}` at that block), `chain` (name and type), `directory` (participants by
 * address), `events` (the best block's events, as records), `log` (the PPA pallets' events,
 * newest first, of the blocks since the page opened and the hour before: `log.js`), `logFrom`
 * (the oldest block `log` covers) and `logPruned` (the node no longer had the state of the
 * block before it).
 */
export function connect(url, onChange) {
  const state = { status: 'connecting', url, api: null, head: null, now: null, chain: null, directory: new Map(), events: [], log: [], logFrom: null, logPruned: false };
  const emit = () => onChange({ ...state });
  let provider;
  try {
    provider = new WsProvider(url, RETRY_MS);
  } catch (e) {
    state.status = 'unreachable';
    state.error = String(e?.message ?? e);
    emit();
    return () => {};
  }
  provider.on('error', () => { state.status = 'unreachable'; emit(); });
  provider.on('disconnected', () => { state.status = 'unreachable'; emit(); });
  provider.on('connected', () => { if (state.api?.isConnected && state.head) state.status = 'ready'; emit(); });
  const api = new ApiPromise({ provider, noInitWarn: true });
  api.on('error', () => {});
  let unsubscribe = null;
  api.isReady.then(async () => {
    state.api = api;
    const [name, type, properties] = await Promise.all([
      api.rpc.system.chain(), api.rpc.system.chainType(), api.rpc.system.properties(),
    ]);
    state.chain = {
      name: name.toString(),
      development: type.isDevelopment || type.isLocal,
      token: properties.tokenSymbol.unwrapOr([])[0]?.toString() ?? 'INR',
    };
    let directoryAt = -1;
    const log = new ActivityLog(api, () => {
      state.log = log.entries;
      state.logFrom = log.from;
      state.logPruned = log.pruned;
      if (state.head) emit();
    });
    unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
      const number = header.number.toNumber();
      const hash = header.hash.toHex();
      try {
        const at = await api.at(hash);
        const [now, events] = await Promise.all([at.call.ppaApi.gridNow(), at.query.system.events()]);
        const registryChanged = events.some(({ event }) => event.section === 'registry');
        if (registryChanged || directoryAt < 0 || number - directoryAt >= 50) {
          state.directory = await readDirectory(at);
          directoryAt = number;
        }
        // Heads read out of order: never move back to an older one.
        if (state.head && number < state.head.number) return;
        state.head = { number, hash };
        state.now = { day: now.day.toNumber(), block: now.block.toNumber() };
        state.events = events;
        state.status = 'ready';
        log.head(number, events);
      } catch (e) {
        // A block pruned before it was read, or the node gone: the next head tries again.
      }
    });
  });
  return () => { unsubscribe?.(); api.disconnect(); };
}

/** Registered participants by address: `{address, name, roles, suspended}`. */
async function readDirectory(at) {
  const entries = await at.query.registry.participants.entries();
  const directory = new Map();
  for (const [key, value] of entries) {
    const address = key.args[0].toString();
    const p = value.unwrap();
    directory.set(address, {
      address,
      name: p.name.toUtf8(),
      roles: p.roles.map((r) => r.toString()),
      suspended: p.suspended.isTrue,
    });
  }
  return directory;
}

/** The value of a runtime API answer that is a `Result`: its `ok`, or `null` for an error. */
export function ok(result) {
  return result.isOk ? result.asOk.toPrimitive() : null;
}

/** Every PPA id the registry knows (0 to `NextPpaId` - 1). */
export async function ppaIds(at) {
  const next = (await at.query.registry.nextPpaId()).toNumber();
  return [...Array(next).keys()];
}

/** The PPA `id` with its parties and terms (`PpaApi::ppa`), or null. */
export async function ppa(at, id) {
  const info = await at.call.ppaApi.ppa(id);
  return info.isSome ? info.unwrap().toPrimitive() : null;
}

/** The terms of `info` (a PPA) in force on `day`. */
export function termsOn(info, day) {
  const agreed = info.terms.filter((t) => t.agreedAt !== null && t.effectiveFrom <= day);
  return agreed.length ? agreed[agreed.length - 1] : info.terms[0];
}

/** A participant's display name, or its short address. */
export function nameOf(directory, address) {
  const p = directory.get(String(address));
  return p ? p.name : `${String(address).slice(0, 6)}…${String(address).slice(-4)}`;
}

/** The participants holding `role` (`Buyer`, `Generator`, ...). */
export function withRole(directory, role) {
  return [...directory.values()].filter((p) => p.roles.includes(role));
}
