// The open market of a defaulter's withheld share (rules 23-25): the order book per time block
// of a delivery day, offers and bids, cleared results; a discom bids, a bidder withdraws.
import { useState } from 'preact/hooks';
import { html, useAt, AsOf, Section, Table, Action } from '../ui.js';
import { blockTime, date, inr, mw, mwh, parseInr } from '../format.js';
import { nameOf } from '../chain.js';

export function Market({ ctx }) {
  const [offset, setOffset] = useState(1);
  const day = ctx.now.day + offset;
  const { data, block, error } = useAt(ctx, async (at) => (await at.call.resaleApi.orderBook(day)).toPrimitive(), [day]);
  const offers = data?.offers ?? [];
  const buyer = ctx.account && ctx.directory.get(ctx.account.address)?.roles.includes('Buyer');
  return html`
    <div class="card form"><label>Delivery day <select id="market-day" value=${offset} onChange=${(e) => setOffset(Number(e.target.value))}>
      ${[-1, 0, 1, 2].map((o) => html`<option value=${o}>${date(ctx.now.day + o)}</option>`)}</select></label>
      <${AsOf} block=${block} error=${error} />${data?.truncated && html`<span class="muted">Some bids are left out (the book is long).</span>`}</div>
    ${offers.length === 0 && html`<div class="card"><p class="muted" id="no-offers">No offer for ${date(day)}.</p></div>`}
    ${offers.map((o) => html`<${Section} title=${`PPA ${o.ppa}: ${nameOf(ctx.directory, o.seller)} offers ${nameOf(ctx.directory, o.defaulter)}'s ${o.wholeShare ? 'whole entitlement' : 'withheld share'}`}
      extra=${html`<span class="muted">reserve ${inr(o.reserve)}/kWh · PPA rate ${inr(o.energyRate)}/kWh${o.automatic ? ' · offered by the chain' : ''}</span>`}>
      <${Table} numeric=${[1, 2, 3, 4]} head=${['Block', 'Offered', 'Open bids', 'Sold', 'Clearing price', 'Delivered', 'Bid']}
        rows=${o.blocks.map((b) => ({ key: b.block, cells: [
          blockTime(b.block), mw(b.offeredKw),
          b.bids.length ? b.bids.map((bid) => html`<div>${nameOf(ctx.directory, bid.bidder)}: ${mw(bid.kw)} at ${inr(bid.price)}/kWh
            ${ctx.account?.address === bid.bidder && !b.result ? html` <${Action} ctx=${ctx} label="Withdraw" makeTx=${() => ctx.api.tx.resale.withdrawBid(o.ppa, day, b.block, bid.id)} />` : ''}</div>`) : '—',
          b.result ? mw(b.result.soldKw) : '—',
          b.result?.price !== null && b.result?.price !== undefined ? `${inr(b.result.price)}/kWh` : '—',
          b.result?.deliveredWh !== null && b.result?.deliveredWh !== undefined ? mwh(b.result.deliveredWh) : '—',
          buyer && !b.result ? html`<${BidForm} ctx=${ctx} ppa=${o.ppa} day=${day} block=${b.block} />` : '—',
        ] }))} />
    <//>`)}`;
}

function BidForm({ ctx, ppa, day, block }) {
  const [kw, setKw] = useState('');
  const [price, setPrice] = useState('');
  return html`<span class="form">
    <input size="5" placeholder="MW" value=${kw} onInput=${(e) => setKw(e.target.value)} />
    <input size="6" placeholder="INR/kWh" value=${price} onInput=${(e) => setPrice(e.target.value)} />
    <${Action} ctx=${ctx} label="Bid" makeTx=${() => {
      const k = Math.round(Number(kw) * 1000);
      const p = parseInr(price);
      if (!(k > 0) || p === null || p === 0n) throw new Error('A bid is MW and a price in INR per kWh.');
      return ctx.api.tx.resale.bid(ppa, day, block, k, p);
    }} />
  </span>`;
}
