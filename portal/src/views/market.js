// The open market of a defaulter's withheld share (rules 23-25): the order book per time block
// of a delivery day, offers and bids, cleared results; a discom bids, a bidder withdraws.
import { useState } from 'preact/hooks';
import { html, useAt, AsOf, Section, Table, Action } from '../ui.js';
import { blockTime, date, inr, isoDate, mw, mwh, parseInr, parseIsoDate } from '../format.js';
import { nameOf } from '../chain.js';

/** The delivery days the picker names, relative to today (any other is typed as a date). */
const NEAR = [-1, 0, 1, 2];

export function Market({ ctx }) {
  const [chosen, setChosen] = useState(null);
  const day = chosen ?? ctx.now.day + 1;
  const near = NEAR.includes(day - ctx.now.day);
  const { data, block, error } = useAt(ctx, async (at) => {
    const [book, parameters] = await Promise.all([at.call.resaleApi.orderBook(day), at.query.resale.parameters()]);
    return { book: book.toPrimitive(), gate: parameters.clearingGate.toNumber() };
  }, [day]);
  const offers = data?.book.offers ?? [];
  const buyer = ctx.account && ctx.directory.get(ctx.account.address)?.roles.includes('Buyer');
  // Bids are taken on the day before delivery until the clearing gate (block `gate`).
  const open = data && ctx.now.day === day - 1 && ctx.now.block < data.gate;
  const gateText = !data ? null : open ? `Bids open until ${blockTime(data.gate)} IST today.`
    : day - 1 > ctx.now.day ? `Bids open on ${date(day - 1)} until ${blockTime(data.gate)} IST.`
      : `The clearing gate (${blockTime(data.gate)} IST on ${date(day - 1)}) has passed: no more bids.`;
  return html`
    <div class="card form"><label>Delivery day <select id="market-day" value=${near ? day - ctx.now.day : ''} onChange=${(e) => setChosen(ctx.now.day + Number(e.target.value))}>
      ${NEAR.map((o) => html`<option value=${o}>${date(ctx.now.day + o)}</option>`)}
      ${!near && html`<option value="">${date(day)}</option>`}</select></label>
      <label>or any day <input type="date" id="market-date" value=${isoDate(day)} onChange=${(e) => { const d = parseIsoDate(e.target.value); if (d !== null) setChosen(d); }} /></label>
      <${AsOf} block=${block} error=${error} />${data?.book.truncated && html`<span class="muted">Some bids are left out (the book is long).</span>`}
      ${gateText && html`<span class="muted" id="market-gate">${gateText}</span>`}</div>
    ${offers.length === 0 && html`<div class="card"><p class="muted" id="no-offers">No offer for ${date(day)}.</p></div>`}
    ${offers.map((o) => html`<${Section} id=${`offer-${o.ppa}`} title=${`PPA ${o.ppa}: ${nameOf(ctx.directory, o.seller)} offers ${nameOf(ctx.directory, o.defaulter)}'s ${o.wholeShare ? 'whole entitlement' : 'withheld share'}`}
      extra=${html`<span class="muted">reserve ${inr(o.reserve)}/kWh · PPA rate ${inr(o.energyRate)}/kWh${o.automatic ? ' · offered by the chain' : ''}</span>`}>
      <${Table} numeric=${[1, 2, 3, 4]} head=${['Block', 'Offered', 'Open bids', 'Sold', 'Clearing price', 'Delivered', 'Bid']}
        rows=${o.blocks.map((b) => ({ key: b.block, cells: [
          blockTime(b.block), mw(b.offeredKw),
          b.bids.length ? b.bids.map((bid) => html`<div>${nameOf(ctx.directory, bid.bidder)}: ${mw(bid.kw)} at ${inr(bid.price)}/kWh
            ${open && ctx.account?.address === bid.bidder && !b.result ? html` <${Action} ctx=${ctx} label="Withdraw" makeTx=${() => ctx.api.tx.resale.withdrawBid(o.ppa, day, b.block, bid.id)} />` : ''}</div>`) : '—',
          b.result ? mw(b.result.soldKw) : '—',
          b.result?.price !== null && b.result?.price !== undefined ? `${inr(b.result.price)}/kWh` : '—',
          b.result?.deliveredWh !== null && b.result?.deliveredWh !== undefined ? mwh(b.result.deliveredWh) : '—',
          open && buyer && !b.result ? html`<${BidForm} ctx=${ctx} ppa=${o.ppa} day=${day} block=${b.block} />` : '—',
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
