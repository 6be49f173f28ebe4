// Helpers for the validator network's scripts (membership.mjs, upgrade.mjs): who authored a
// block, sudo with the inner call's result, and waiting on a condition with a deadline.

import { outcome } from './council.mjs';

/// The Aura key that authored `header`: its slot (the pre-runtime digest) modulo the
/// authorities of its parent's state, which is the set the block was authored under.
export async function auraAuthor(api, header) {
  const pre = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  if (!pre) throw new Error(`block ${header.number} has no Aura pre-runtime digest`);
  const slot = api.createType('u64', pre.asPreRuntime[1]).toBigInt();
  const authorities = await api.query.aura.authorities.at(header.parentHash);
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

/// Dispatches `call` as root through sudo (signed by `root`) with `send` from story.mjs;
/// resolves with the inner call's outcome: `null` if it succeeded, else its error's
/// `section.Name`.
export async function sudo(api, send, root, call) {
  const { events } = await send(api.tx.sudo.sudo(call), root);
  const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
  if (!sudid) throw new Error('no Sudid event');
  return outcome(api, sudid.data[0]);
}

/// Polls `condition` every half second until it holds; throws with `what` after `ms`.
export async function waitUntil(what, ms, condition) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
