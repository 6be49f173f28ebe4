// A Polkadot.js browser extension for the browser test: a Playwright browser context whose
// pages find `window.injectedWeb3['polkadot-js']` holding the given key pairs, as a
// participant's own browser with the extension installed would. The page asks it for its
// accounts and hands it each transaction's payload to sign, exactly as it does the real
// extension (`@polkadot/extension-dapp`); the keys stay in the test process, which signs, as
// they stay in the extension's background page.

/**
 * Installs the extension in `context` (before its first page opens) with `accounts`
 * (`[{pair, name}]`; `pair` from `@polkadot/keyring`). Returns a map from address to the
 * number of payloads the extension signed for it.
 */
export async function installExtension(context, api, accounts) {
  const signed = new Map();
  await context.exposeFunction('__ppaTestExtensionSign', (payload) => {
    const account = accounts.find(({ pair }) => pair.address === payload.address);
    if (!account) throw new Error(`the extension holds no key for ${payload.address}`);
    const extrinsicPayload = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    signed.set(payload.address, (signed.get(payload.address) ?? 0) + 1);
    return extrinsicPayload.sign(account.pair).signature;
  });
  const injected = accounts.map(({ pair, name }) => ({ address: pair.address, name, type: pair.type }));
  await context.addInitScript((list) => {
    let id = 0;
    window.injectedWeb3 = {
      'polkadot-js': {
        version: 'test',
        enable: async () => ({
          accounts: {
            get: async () => list,
            subscribe: (callback) => { callback(list); return () => {}; },
          },
          signer: {
            signPayload: async (payload) => ({ id: ++id, signature: await window.__ppaTestExtensionSign(payload) }),
          },
        }),
      },
    };
  }, injected);
  return signed;
}
