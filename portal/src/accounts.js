// Who signs: the participant's own accounts in the Polkadot.js browser extension, or, on a
// development or demo chain and only when asked for, the well-known development accounts.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';

/** The well-known development accounts (their secrets are public: development chains only). */
const DEV_URIS = [
  ['Alice', '//Alice'], ['Bob', '//Bob'], ['Charlie', '//Charlie'], ['Dave', '//Dave'],
  ['Eve', '//Eve'], ['Ferdie', '//Ferdie'], ['One', '//One'], ['Two', '//Two'],
  ['Alice (stash)', '//Alice//stash'], ['Bob (stash)', '//Bob//stash'],
];

/** The development accounts as `{address, label, pair}` in the chain's address format. */
export async function devAccounts(ss58Format) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format });
  return DEV_URIS.map(([label, uri]) => {
    const pair = keyring.addFromUri(uri);
    return { address: pair.address, label: `${label} (development key)`, pair };
  });
}

/** The extension's accounts as `{address, label, source}`; empty if there is no extension. */
export async function extensionAccounts(ss58Format) {
  const extensions = await web3Enable('PPA chain portal');
  if (!extensions.length) return [];
  const accounts = await web3Accounts({ ss58Format });
  return accounts.map((a) => ({
    address: a.address,
    label: `${a.meta.name ?? 'account'} (${a.meta.source})`,
    source: a.meta.source,
  }));
}

/** How `account` signs: its key pair, or the extension's signer. */
export async function signerOf(account) {
  if (account.pair) return { signer: account.pair, options: {} };
  const injector = await web3FromAddress(account.address);
  return { signer: account.address, options: { signer: injector.signer } };
}
