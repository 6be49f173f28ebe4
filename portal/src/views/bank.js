// A bank's view: letters of credit requested of it and issued by it, with drawals and
// restorations, and bank guarantees; it opens a requested LC on the terms asked.
import { html, useAt, useParticipant, AsOf, Activity, Section, Table, Action } from '../ui.js';
import { date, inr } from '../format.js';
import { nameOf, ppa, ppaIds } from '../chain.js';

/** The calendar month (months since January 1970) of a grid day, as the chain counts drawals. */
function month(day) {
  const d = new Date(day * 86_400_000);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

export function Bank({ ctx }) {
  const { who, mine, picker } = useParticipant(ctx, 'Bank', 'Bank');
  const { data, block, error } = useAt(ctx, async (at) => {
    const ids = await ppaIds(at);
    const [requests, lcs, bgs, bgRequests] = await Promise.all([
      Promise.all(ids.map(async (id) => {
        const requests = (await at.query.escrow.lcRequests(id)).toPrimitive();
        if (!requests.length) return [];
        const info = await ppa(at, id);
        return requests.map(([bank, terms]) => ({ ppa: id, bank, terms, buyer: info?.buyer }));
      })),
      at.query.escrow.lettersOfCredit.entries(),
      at.query.escrow.bankGuarantees.entries(),
      Promise.all(ids.map(async (id) => (await at.query.escrow.bgRequests(id)).toPrimitive().map(([bank, terms]) => ({ ppa: id, bank, terms })))),
    ]);
    return {
      requests: requests.flat().filter((r) => r.bank === who),
      bgRequests: bgRequests.flat().filter((r) => r.bank === who),
      lcs: lcs.map(([k, v]) => ({ id: k.args[0].toNumber(), ...v.unwrap().toPrimitive() })).filter((lc) => lc.bank === who),
      bgs: bgs.map(([k, v]) => ({ id: k.args[0].toNumber(), ...v.unwrap().toPrimitive() })).filter((bg) => bg.bank === who),
    };
  }, [who]);
  if (!who) return html`<p class="muted">No bank is registered.</p>`;
  const d = data ?? { requests: [], lcs: [], bgs: [], bgRequests: [] };
  return html`
    ${picker}
    <${Section} id="lc-requests" title=${`Letters of credit requested of ${nameOf(ctx.directory, who)}`} extra=${html`<${AsOf} block=${block} error=${error} />`}>
      <${Table} numeric=${[0, 2]} head=${['PPA', 'Applicant (buyer)', 'Amount', 'Expires', 'Revolving', 'Open']}
        rows=${d.requests.map((r, i) => ({ key: `${r.ppa}-${i}`, cells: [
          r.ppa, r.buyer ? nameOf(ctx.directory, r.buyer) : '—', inr(r.terms.amount), date(r.terms.expiryDay), r.terms.revolving ? 'Yes' : 'No',
          mine ? html`<${Action} ctx=${ctx} id=${`open-lc-${r.ppa}`} label="Open on these terms" makeTx=${() => ctx.api.tx.escrow.openLetterOfCredit(r.ppa, r.terms)} />` : '—',
        ] }))} empty="No request." />
    <//>
    <${Section} id="lcs-issued" title="Letters of credit issued: drawals and restorations">
      <${Table} numeric=${[0, 1, 4, 5]} head=${['LC', 'PPA', 'Buyer', 'Beneficiary', 'Amount', 'Held', 'Expires', 'Drawals this month', 'State']}
        rows=${d.lcs.map((lc) => ({ key: lc.id, cells: [
          lc.id, lc.ppa, nameOf(ctx.directory, lc.buyer), nameOf(ctx.directory, lc.seller), inr(lc.terms.amount), inr(lc.held),
          date(lc.terms.expiryDay), lc.drawalMonth === month(ctx.now.day) ? lc.drawalsInMonth : 0,
          lc.lapsed ? html`<span class="default">Lapsed unrestored</span>` : lc.restoreBy !== null
            ? html`Drawn: to be restored by ${date(lc.restoreBy)} ${mine ? html`<${Action} ctx=${ctx} id=${`restore-${lc.id}`} label="Restore" makeTx=${() => ctx.api.tx.escrow.restoreLetterOfCredit(lc.id)} />` : ''}`
            : 'In force',
        ] }))} empty="None." />
    <//>
    <${Activity} ctx=${ctx} id="bank-activity" title="Requests, openings, drawals and restorations: recent events"
      keep=${(e) => e.section === 'escrow' && e.data.bank === who} />
    <${Section} id="bgs" title="Bank guarantees">
      <${Table} numeric=${[0, 1, 5]} head=${['BG', 'PPA', 'Kind', 'Obligor', 'Beneficiary', 'Amount', 'Expires']}
        rows=${d.bgs.map((bg) => ({ key: bg.id, cells: [bg.id, bg.ppa, String(bg.kind), nameOf(ctx.directory, bg.obligor), nameOf(ctx.directory, bg.beneficiary), inr(bg.amount), date(bg.expiryDay)] }))}
        empty="None issued." />
      ${d.bgRequests.length > 0 && html`<p class="muted">Requested: ${d.bgRequests.map((r) => `PPA ${r.ppa}: ${inr(r.terms.amount)}`).join('; ')}.</p>`}
    <//>`;
}
