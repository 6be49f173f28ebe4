// The portal: one page that follows the chain block by block. Pick a view by role and an
// account to sign with; every figure is read from the runtime APIs and storage at the best
// block the header names.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { connect } from './chain.js';
import { devAccounts, extensionAccounts } from './accounts.js';
import { html } from './ui.js';
import { instant, short } from './format.js';
import { Regulator } from './views/regulator.js';
import { Discom } from './views/discom.js';
import { Generator } from './views/generator.js';
import { Bank } from './views/bank.js';
import { Ldc } from './views/ldc.js';
import { Market } from './views/market.js';

const params = new URLSearchParams(location.search);
/** The node: `?node=ws://host:port`, by default the local node. */
const NODE = params.get('node') ?? 'ws://127.0.0.1:9944';

const VIEWS = [
  ['regulator', 'Regulator', Regulator],
  ['discom', 'Discom', Discom],
  ['generator', 'Generator', Generator],
  ['bank', 'Bank', Bank],
  ['ldc', 'Load despatch centre', Ldc],
  ['market', 'Market', Market],
];

function App() {
  const [chain, setChain] = useState({ status: 'connecting', url: NODE });
  const [view, setView] = useState(params.get('view') ?? 'regulator');
  const [useDev, setUseDev] = useState(params.get('dev') === '1');
  const [accounts, setAccounts] = useState([]);
  const [address, setAddress] = useState(params.get('account') ?? '');

  useEffect(() => connect(NODE, setChain), []);
  const ss58 = chain.api?.registry.chainSS58;
  useEffect(() => {
    if (ss58 === undefined) return;
    (async () => {
      const own = await extensionAccounts(ss58).catch(() => []);
      const dev = useDev && chain.chain?.development ? await devAccounts(ss58) : [];
      setAccounts([...own, ...dev]);
    })();
  }, [ss58, useDev, chain.chain?.development]);

  const account = accounts.find((a) => a.address === address) ?? null;
  const ctx = { ...chain, account, view };
  const Current = (VIEWS.find(([id]) => id === view) ?? VIEWS[0])[2];
  const me = account && chain.directory?.get(account.address);

  return html`
    <header class="top">
      <h1>PPA chain portal</h1>
      <${Connection} chain=${chain} />
      <nav>${VIEWS.map(([id, label]) => html`
        <button class=${id === view ? 'tab active' : 'tab'} id=${`tab-${id}`} onClick=${() => setView(id)}>${label}</button>`)}
      </nav>
      <div class="signer">
        <label>Sign as
          <select id="account" value=${address} onChange=${(e) => setAddress(e.target.value)}>
            <option value="">— no account —</option>
            ${accounts.map((a) => html`<option value=${a.address}>${chain.directory?.get(a.address)?.name ?? a.label} · ${short(a.address)}</option>`)}
          </select>
        </label>
        ${chain.chain?.development && html`<label class="dev"><input type="checkbox" id="use-dev" checked=${useDev} onChange=${(e) => setUseDev(e.target.checked)} /> development accounts (public keys: development chains only)</label>`}
        ${me && html`<span class="muted" id="my-roles">${me.name}: ${me.roles.join(', ')}${me.suspended ? ' (suspended)' : ''}</span>`}
        ${!accounts.length && html`<span class="muted">No account: install the Polkadot.js extension to sign${chain.chain?.development ? ', or use the development accounts' : ''}.</span>`}
      </div>
    </header>
    <main>
      ${chain.head
        ? html`<${Current} ctx=${ctx} />`
        : html`<p class="muted">Waiting for the chain…</p>`}
    </main>`;
}

/** The connection line: the node, its chain, the best block and the grid time; or the fault. */
function Connection({ chain }) {
  if (chain.status === 'unreachable') {
    return html`<div class="banner error" id="connection" role="alert" data-status="unreachable">
      The node at ${chain.url} cannot be reached. The portal keeps trying; figures shown before are not current.</div>`;
  }
  if (chain.status !== 'ready' || !chain.head) {
    return html`<div class="banner" id="connection" data-status="connecting">Connecting to ${chain.url}…</div>`;
  }
  return html`<div class="banner ok" id="connection" data-status="ready">
    ${chain.chain?.name} · best block <strong id="best-block">#${chain.head.number.toLocaleString('en-IN')}</strong>
    · grid time <strong id="grid-time">${instant(chain.now)}</strong> · ${chain.url}</div>`;
}

render(html`<${App} />`, document.getElementById('app'));
