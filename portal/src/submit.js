// Sends a call signed by the chosen account and tells how it ended: included in a block, or
// refused, with the chain's error name in words and its documentation.
import { signerOf } from './accounts.js';
import { words } from './format.js';

/**
 * Signs and sends `tx` as `account`; `onStatus(text)` hears each step. Resolves to
 * `{ok: true, blockHash, events}` once in a block, or `{ok: false, error}` if the chain or the
 * node refused it (`error`: `{section, name, text}`).
 */
export async function send(api, account, tx, onStatus = () => {}) {
  const { signer, options } = await signerOf(account);
  return new Promise((resolve) => {
    let unsub = () => {};
    let finished = false;
    const done = (result) => { if (finished) return; finished = true; unsub(); resolve(result); };
    onStatus('Signing…');
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (status.isReady || status.isBroadcast) onStatus('Sent; waiting for a block…');
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        done({ ok: false, error: { section: 'pool', name: status.type, text: `The node dropped the transaction (${words(status.type)}).` } });
      }
      // Some nodes report the block finalized without an in-block status first (the
      // parachain's development mode did in the parachain's browser test): either ends it.
      if (status.isInBlock || status.isFinalized) {
        const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        if (dispatchError) done({ ok: false, error: explain(api, dispatchError) });
        else done({ ok: true, blockHash, events });
      }
    }).then((u) => { if (finished) u(); else unsub = u; }).catch((e) => {
      done({ ok: false, error: { section: 'node', name: 'Refused', text: `The node refused the transaction: ${e?.message ?? e}` } });
    });
  });
}

/** A dispatch error as `{section, name, text}`: the pallet, the error's name, and in words. */
export function explain(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    const doc = docs.join(' ').trim();
    return { section, name, text: `${words(section)}: ${words(name)}${doc ? ` — ${doc}` : ''}` };
  }
  if (dispatchError.isToken) {
    const name = dispatchError.asToken.type;
    return { section: 'token', name, text: `Funds: ${words(name)}` };
  }
  if (dispatchError.isArithmetic) {
    const name = dispatchError.asArithmetic.type;
    return { section: 'arithmetic', name, text: `Arithmetic: ${words(name)}` };
  }
  const name = dispatchError.type;
  return { section: 'dispatch', name, text: words(name) };
}
