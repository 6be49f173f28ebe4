// A generator's view: its receivables, its PPAs, declared capability per station, the
// schedule against metered energy per block, and drawing a letter of credit once a bill has
// fallen due unpaid.
import { useState } from 'preact/hooks';
import { html, useAt, useParticipant, AsOf, Section, Table, Action, ProfileChart } from '../ui.js';
import { BLOCKS, ageing, big, date, inr, mw, mwh, ppmPercent } from '../format.js';
import { nameOf, ok, ppa, termsOn } from '../chain.js';
import { billsFrom } from './discom.js';

export function Generator({ ctx }) {
  const { who, mine, picker } = useParticipant(ctx, 'Generator', 'Generator', 'generator');
  if (!who) return html`<p class="muted">No generator is registered.</p>`;
  return html`
    ${picker}
    <${Receivables} ctx=${ctx} who=${who} canAct=${!!mine} />
    <${Delivery} ctx=${ctx} who=${who} />
    <${Capability} ctx=${ctx} who=${who} canAct=${!!mine} />`;
}

async function selling(at, who) {
  const of = (await at.call.ppaApi.ppasOf(who)).toPrimitive();
  return (await Promise.all(of.selling.map((id) => ppa(at, id)))).filter(Boolean);
}

function Receivables({ ctx, who, canAct }) {
  const { data, block, error } = useAt(ctx, async (at) => {
    const day = (await at.call.ppaApi.gridNow()).day.toNumber();
    const [dues, ppas] = await Promise.all([at.call.settlementApi.sellerDues(who), selling(at, who)]);
    const from = billsFrom(dues.toPrimitive(), day);
    const rows = await Promise.all(ppas.map(async (p) => {
      const ledger = ok(await at.call.settlementApi.ledger(p.id));
      const bills = ok(await at.call.settlementApi.bills(p.id, from, day)) ?? [];
      const overdue = bills.filter((b) => !b.settled && b.dueOn < day && big(b.outstanding) > 0n);
      return { p, ledger, overdue };
    }));
    return { dues: dues.toPrimitive(), rows, day };
  }, [who]);
  if (!data) return html`<${Section} title="Receivables"><p class="muted">reading…</p><//>`;
  const { dues, rows, day } = data;
  return html`<${Section} id="receivables" title=${`${nameOf(ctx.directory, who)}: receivables`} extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <p>Outstanding <strong>${inr(dues.outstanding)}</strong> (over 90 days: ${inr(ageing(dues)[4])}); LPS unpaid ${inr(dues.lps)}; metered, not yet billed ${inr(dues.unbilled)}.</p>
    <${Table} id="receivables-table" numeric=${[0, 4, 5, 6]} head=${['PPA', 'Discom', 'Station', 'Capacity', 'Outstanding', 'LPS', 'Bills overdue', 'Letter of credit']}
      rows=${rows.map(({ p, ledger, overdue }) => { const t = termsOn(p, day); return { key: p.id, cells: [
        p.id, nameOf(ctx.directory, p.buyer), t.station, mw(t.capacityKw), inr(ledger?.outstanding ?? 0), inr(ledger?.lps ?? 0), overdue.length,
        overdue.length && canAct
          ? html`<${Action} ctx=${ctx} id=${`draw-${p.id}`} label="Draw the LC" makeTx=${() => ctx.api.tx.settlement.drawLetterOfCredit(p.id)} />`
          : '—',
      ] }; })} empty="No PPA." />
  <//>`;
}

/** The day's schedule (bars) against metered energy (line), kW per block. */
function Delivery({ ctx, who }) {
  const [ppaId, setPpaId] = useState('');
  const [offset, setOffset] = useState(0);
  const { data, block, error } = useAt(ctx, async (at) => {
    const ppas = await selling(at, who);
    const id = ppaId === '' ? ppas[0]?.id : Number(ppaId);
    const day = ctx.now.day + offset;
    const info = id === undefined ? null : ok(await at.call.schedulingApi.day(id, day));
    return { ppas, id, day, info };
  }, [who, ppaId, offset]);
  const blocks = data?.info?.blocks ?? [];
  const scheduled = blocks.length ? blocks.map((b) => b.scheduledKw) : Array(BLOCKS).fill(0);
  const metered = blocks.length ? blocks.map((b) => (b.actualWh === null ? null : Math.round((Number(b.actualWh) * 4) / 1000))) : [];
  const account = data?.info?.account;
  return html`<${Section} id="delivery" title="Schedule against metered energy" extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <div class="form">
      <label>PPA <select value=${data?.id ?? ''} onChange=${(e) => setPpaId(e.target.value)}>
        ${(data?.ppas ?? []).map((p) => html`<option value=${p.id}>${p.id}: ${nameOf(ctx.directory, p.buyer)}</option>`)}</select></label>
      <label>Day <select value=${offset} onChange=${(e) => setOffset(Number(e.target.value))}>
        ${[-2, -1, 0, 1].map((o) => html`<option value=${o}>${date(ctx.now.day + o)}</option>`)}</select></label>
    </div>
    <${ProfileChart} id="delivery-chart" values=${scheduled} line=${metered} label="Scheduled kW (bars) and metered kW (line) per block" />
    ${account
      ? html`<p class="muted">Scheduled ${mwh(account.scheduledWh)}, metered ${mwh(account.actualWh)} in ${account.blocksMetered} blocks (deviation ${mwh(account.deviationWh)}); cut for availability ${mwh(account.cutAvailabilityWh)}, at the PSM gate ${mwh(account.cutPsmWh)}, by regulation ${mwh(account.cutRegulationWh)}, resold ${mwh(account.cutResaleWh)}.</p>`
      : html`<p class="muted">Not scheduled.</p>`}
  <//>`;
}

/** Declared capability of a station for a day (rule: before the gate), as a flat share. */
function Capability({ ctx, who, canAct }) {
  const [station, setStation] = useState('');
  const [stationMw, setStationMw] = useState('');
  const [availableMw, setAvailableMw] = useState('');
  const day = ctx.now.day + 1;
  const { data, block, error } = useAt(ctx, async (at) => {
    const ppas = await selling(at, who);
    const stations = [...new Set(ppas.map((p) => termsOn(p, day).station))];
    const declared = await Promise.all(stations.map(async (s) => {
      const d = await at.query.scheduling.declarations(day, [who, s]).catch(() => null);
      return { station: s, declared: d && d.isSome ? d.unwrap().toPrimitive() : null };
    }));
    return { stations, declared };
  }, [who, day]);
  const chosen = station || data?.stations[0] || '';
  return html`<${Section} id="capability" title=${`Declared capability for ${date(day)}`} extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <${Table} head=${['Station', 'Declared']} rows=${(data?.declared ?? []).map((d) => ({ key: d.station, cells: [
      d.station, d.declared ? describe(d.declared) : 'Not declared',
    ] }))} empty="No station." />
    ${canAct && html`<div class="form">
      <label>Station <select id="cap-station" value=${chosen} onChange=${(e) => setStation(e.target.value)}>
        ${(data?.stations ?? []).map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>Station capacity (MW) <input id="cap-station-mw" size="8" value=${stationMw} onInput=${(e) => setStationMw(e.target.value)} /></label>
      <label>Available in every block (MW) <input id="cap-available-mw" size="8" value=${availableMw} onInput=${(e) => setAvailableMw(e.target.value)} /></label>
      <${Action} ctx=${ctx} id="declare" label="Declare" makeTx=${() => {
        const s = Math.round(Number(stationMw) * 1000);
        const a = Math.round(Number(availableMw) * 1000);
        if (!(s > 0) || !(a >= 0)) throw new Error('Capacity and availability are numbers of MW.');
        return ctx.api.tx.scheduling.declareCapability(chosen, day, s, Array(BLOCKS).fill(a));
      }} />
    </div>`}
  <//>`;
}

function describe(declared) {
  const station = declared.stationKw ?? declared.station_kw;
  const available = declared.availableKw ?? declared.available_kw ?? [];
  const min = Math.min(...available);
  const max = Math.max(...available);
  return `${mw(station)} station; available ${min === max ? mw(min) : `${mw(min)} to ${mw(max)}`}${station ? ` (${ppmPercent(Math.round((min / station) * 1e6))} at least)` : ''}`;
}
