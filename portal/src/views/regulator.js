// The regulator's view: every discom's dues to every generator with their ageing and LPS, who
// is in default since when and the regulation step it is on, payment-security coverage of
// every PPA, and outstanding dues over time.
import { useEffect, useState } from 'preact/hooks';
import { html, useAt, AsOf, Activity, Section, Table, LineChart } from '../ui.js';
import { ageing, big, date, inr } from '../format.js';
import { nameOf, ok, ppa, ppaIds, termsOn, withRole } from '../chain.js';

/** PPAs a page of the per-PPA tables shows. */
const PAGE = 50;
/** Points of the dues chart kept. */
const POINTS = 48;

export function Regulator({ ctx }) {
  const [page, setPage] = useState(0);
  const discoms = useAt(ctx, async (at) => Promise.all(withRole(ctx.directory, 'Buyer').map(async (p) => {
    const [dues, status] = await Promise.all([
      at.call.settlementApi.buyerDues(p.address), at.call.defaultsApi.status(p.address),
    ]);
    return { p, dues: dues.toPrimitive(), status: status.toPrimitive() };
  })), [ctx.directory]);
  const ppas = useAt(ctx, async (at, head) => {
    const ids = await ppaIds(at);
    const shown = ids.slice(page * PAGE, (page + 1) * PAGE);
    const day = (await at.call.ppaApi.gridNow()).day.toNumber();
    const rows = await Promise.all(shown.map(async (id) => {
      const info = await ppa(at, id);
      // The PPA's dues aged as the chain ages them (rule 26), from its runtime API.
      const [ledger, coverage, dues] = await Promise.all([
        at.call.settlementApi.ledger(id), at.call.psmApi.coverage(id, day), at.call.settlementApi.ppaDues(id),
      ]);
      const owed = ok(dues);
      return { id, info, ledger: ok(ledger), coverage: ok(coverage), ageing: owed ? ageing(owed) : [0, 0, 0, 0, 0] };
    }));
    return { total: ids.length, rows, day };
  }, [page]);
  const history = useDuesHistory(ctx);

  const d = discoms.data ?? [];
  return html`
    <${Section} id="regulator-discoms" title="Dues of every discom, by age (rule 26), and default (rules 17-22)" extra=${html`<${AsOf} block=${discoms.block} error=${discoms.error} />`}>
      <${Table} id="dues-table" numeric=${[1, 2, 3, 4, 5, 6, 7, 8]}
        head=${['Discom', 'Outstanding', 'Not yet due', '1-30 days', '31-60 days', '61-90 days', 'Over 90 days', 'LPS unpaid', 'Disputed', 'Default', 'Regulation']}
        rows=${d.map(({ p, dues, status }) => ({ key: p.address, cells: [
          p.name, inr(dues.outstanding), ...ageing(dues).map(inr), inr(dues.lps), inr(dues.disputed),
          status.inDefault
            ? html`<span class="default" data-default="yes">In default since ${date(status.inDefaultSince)}</span>`
            : html`<span class="good" data-default="no">Not in default</span>`,
          regulation(status),
        ] }))}
        empty="No discom is registered." />
    <//>
    <${Activity} ctx=${ctx} id="regulator-activity" title="Defaults, regulation and payments: recent events"
      keep=${(e) => e.section === 'defaults' || (e.section === 'settlement' && e.method === 'PaymentApplied')} />
    <${Section} id="regulator-chart" title="Outstanding dues of all discoms over time">
      <${LineChart} id="dues-chart" points=${history.points} label="Outstanding principal, all discoms" format=${(v) => inr(BigInt(Math.round(v)) * 1_000_000n)} />
      <p class="muted">Read at blocks spread over the chain's history, then one point a grid day as blocks arrive.
        ${history.pruned && html` <span id="dues-chart-pruned">This node has pruned the state of older blocks: connect the portal to an archive node (<code>--state-pruning archive-canonical</code>) for the whole history.</span>`}</p>
    <//>
    <${Section} id="regulator-ppas" title="Dues by PPA: each discom to each generator" extra=${html`<${AsOf} block=${ppas.block} error=${ppas.error} />`}>
      <${Pager} page=${page} total=${ppas.data?.total ?? 0} setPage=${setPage} />
      <${Table} id="ppa-dues-table" numeric=${[0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
        head=${['PPA', 'Discom', 'Generator', 'Billed', 'Paid', 'Outstanding', 'Not yet due', '1-30 days', '31-60 days', '61-90 days', 'Over 90 days', 'LPS unpaid', 'Unpaid bills']}
        rows=${(ppas.data?.rows ?? []).filter((r) => r.info && r.ledger).map(({ id, info, ledger, ageing }) => ({ key: id, cells: [
          id, nameOf(ctx.directory, info.buyer), nameOf(ctx.directory, info.seller), inr(ledger.billed),
          inr(ledger.paid), inr(ledger.outstanding), ...ageing.map(inr), inr(ledger.lps), ledger.unpaidBills,
        ] }))} />
      <p class="muted">A PPA's ageing is its unpaid bills' outstanding principal by days past their due dates (rule 26), as the chain states it for the PPA.</p>
    <//>
    <${Section} id="regulator-coverage" title="Payment security per PPA: required against held (rules 14-16)" extra=${html`<${AsOf} block=${ppas.block} error=${ppas.error} />`}>
      <${Table} id="coverage-table" numeric=${[0, 3, 4, 5, 6, 7]}
        head=${['PPA', 'Discom', 'Station', 'Required', 'Letters of credit', 'Advance', 'Advance committed', 'Bank guarantees', 'Adequate']}
        rows=${(ppas.data?.rows ?? []).filter((r) => r.info && r.coverage).map(({ id, info, coverage }) => ({ key: id, cells: [
          id, nameOf(ctx.directory, info.buyer), termsOn(info, ppas.data.day).station, inr(coverage.required),
          inr(coverage.lettersOfCredit), inr(coverage.advance), inr(coverage.advanceCommitted), inr(coverage.paymentBankGuarantees),
          coverage.adequate ? html`<span class="good">Yes</span>` : html`<span class="default">No</span>`,
        ] }))} />
    <//>`;
}

/** The regulation a buyer is under and its next step. */
function regulation(status) {
  const parts = [];
  if (status.regulatedSharePercent > 0) parts.push(`${status.regulatedSharePercent} % of its schedules withheld`);
  if (status.nextStep) parts.push(`next: ${status.nextStep[1]} % from ${date(status.nextStep[0])}`);
  if (status.relaxedUntil !== null) parts.push(`relaxed until ${date(status.relaxedUntil)}`);
  if (status.overdueBills > 0) parts.push(`${status.overdueBills} bill(s) overdue`);
  return parts.length ? parts.join('; ') : 'None';
}

function Pager({ page, total, setPage }) {
  if (total <= PAGE) return null;
  const pages = Math.ceil(total / PAGE);
  return html`<div class="form">
    <button onClick=${() => setPage(Math.max(0, page - 1))} disabled=${page === 0}>Previous</button>
    <span class="muted">PPAs ${page * PAGE} to ${Math.min(total, (page + 1) * PAGE) - 1} of ${total}</span>
    <button onClick=${() => setPage(Math.min(pages - 1, page + 1))} disabled=${page >= pages - 1}>Next</button>
  </div>`;
}

/** Outstanding principal of all discoms, INR: a few past blocks, then a point per grid day. */
function useDuesHistory(ctx) {
  const [points, setPoints] = useState([]);
  const [pruned, setPruned] = useState(false);
  const total = async (at) => {
    const all = await Promise.all(withRole(ctx.directory, 'Buyer').map((p) => at.call.settlementApi.buyerDues(p.address)));
    return all.reduce((sum, d) => sum + big(d.outstanding), 0n);
  };
  const point = async (at) => {
    const day = (await at.call.ppaApi.gridNow()).day.toNumber();
    return { day, x: date(day), y: Number((await total(at)) / 1_000_000n) };
  };
  // The past: 24 blocks spread over the whole chain (an archive node holds them all) and 12
  // over the last 240 blocks (which a node keeps by default); a block whose state the node has
  // pruned is left out, and said.
  useEffect(() => {
    if (!ctx.api || !ctx.head) return;
    (async () => {
      const head = ctx.head.number;
      const spread = (count, span) => [...Array(count).keys()].map((i) => head - Math.round((span * (count - 1 - i)) / (count - 1)));
      const numbers = [...new Set([...spread(24, head - 1), ...spread(12, Math.min(head - 1, 240))])]
        .filter((n) => n >= 0).sort((a, b) => a - b);
      const past = [];
      let pruned = 0;
      for (const n of numbers) {
        try {
          const hash = await ctx.api.rpc.chain.getBlockHash(n);
          past.push(await point(await ctx.api.at(hash)));
        } catch (e) { pruned += 1; }
      }
      setPruned(pruned > 0);
      setPoints((now) => merge(past, now));
    })();
  }, [ctx.api, ctx.directory]);
  // Then: one point a grid day as blocks arrive (the last one updated within the day).
  useEffect(() => {
    if (!ctx.api || !ctx.head) return;
    (async () => {
      const p = await point(await ctx.api.at(ctx.head.hash));
      setPoints((now) => merge(now, [p]));
    })().catch(() => {});
  }, [ctx.head?.hash]);
  return { points, pruned };
}

/** Points by grid day, the later reading of a day kept. */
function merge(a, b) {
  const byDay = new Map();
  for (const p of [...a, ...b]) byDay.set(p.day, p);
  return [...byDay.values()].sort((x, y) => x.day - y.day).slice(-POINTS);
}
