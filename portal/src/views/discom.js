// A discom's view: its PPAs, tomorrow's requisition (96 blocks: a flat value, a copy of
// today's, or pasted from CSV, with its profile chart) before the gate, its bills with due
// dates and rebate windows and a pay action, its letters of credit and advance, its dues.
import { useState } from 'preact/hooks';
import { html, useAt, useParticipant, AsOf, Activity, ReadError, Section, Table, Action, ProfileChart } from '../ui.js';
import { BLOCKS, ageing, big, blockTime, date, inr, mw, mwh, parseInr } from '../format.js';
import { nameOf, ok, ppa, termsOn, withRole } from '../chain.js';

/** Days of settled bills the view reads back (unpaid ones are read from the oldest on). */
const BILL_DAYS = 60;
/** The longest day range one `bills` read takes (the runtime API's `MAX_DAY_RANGE`). */
const MAX_RANGE = 399;

/** The first day to read bills from: the oldest unpaid bill's presentation, or `BILL_DAYS` back. */
export function billsFrom(dues, day) {
  const oldest = dues.oldestUnpaid ? dues.oldestUnpaid[0] : day;
  return Math.max(0, day - MAX_RANGE, Math.min(oldest - 31, day - BILL_DAYS));
}

export function Discom({ ctx }) {
  const { who, mine, picker } = useParticipant(ctx, 'Buyer', 'Discom', 'discom');
  if (!who) return html`<p class="muted">No discom is registered.</p>`;
  return html`
    ${picker}
    <${Overview} ctx=${ctx} who=${who} />
    <${Requisition} ctx=${ctx} who=${who} canAct=${!!mine} />
    <${Bills} ctx=${ctx} who=${who} canAct=${!!mine} />
    <${Security} ctx=${ctx} who=${who} canAct=${!!mine} />
    <${Activity} ctx=${ctx} id="discom-activity" title="Its PPAs' recent events"
      keep=${(e) => Object.values(e.data).includes(who)} />`;
}

/** The PPAs `who` buys under, read with their terms today. */
async function buying(at, who) {
  const of = (await at.call.ppaApi.ppasOf(who)).toPrimitive();
  return (await Promise.all(of.buying.map((id) => ppa(at, id)))).filter(Boolean);
}

function Overview({ ctx, who }) {
  const { data, block, error } = useAt(ctx, async (at) => {
    const [dues, status, ppas] = await Promise.all([
      at.call.settlementApi.buyerDues(who), at.call.defaultsApi.status(who), buying(at, who),
    ]);
    return { dues: dues.toPrimitive(), status: status.toPrimitive(), ppas };
  }, [who]);
  if (!data) return html`<${Section} title="Dues"><p class="muted">reading…</p><//>`;
  const { dues, status, ppas } = data;
  const day = ctx.now.day;
  return html`<div class="grid2">
    <${Section} id="discom-dues" title=${`${nameOf(ctx.directory, who)}: dues by age`} extra=${html`<${AsOf} block=${block} error=${error} />`}>
      <${Table} numeric=${[1]} head=${['', 'INR']} rows=${[
        ['Outstanding principal', inr(dues.outstanding)],
        ...['Not yet due', '1-30 days past due', '31-60 days', '61-90 days', 'Over 90 days'].map((label, i) => [label, inr(ageing(dues)[i])]),
        ['LPS unpaid', inr(dues.lps)], ['Disputed', inr(dues.disputed)], ['Metered, not yet billed', inr(dues.unbilled)],
      ]} />
      <p>${status.inDefault
        ? html`<span class="default">In default since ${date(status.inDefaultSince)}; ${status.regulatedSharePercent} % of schedules withheld${status.nextStep ? `, ${status.nextStep[1]} % from ${date(status.nextStep[0])}` : ''}.</span>`
        : html`<span class="good">Not in default.</span>`}</p>
    <//>
    <${Section} id="discom-ppas" title="PPAs">
      <${Table} numeric=${[0, 3]} head=${['PPA', 'Generator', 'Station', 'Capacity', 'Status', 'Supply']}
        rows=${ppas.map((p) => { const t = termsOn(p, day); return { key: p.id, cells: [
          p.id, nameOf(ctx.directory, p.seller), t.station, mw(t.capacityKw), String(p.status), `${date(t.startDay)} – ${date(t.endDay)}`,
        ] }; })} empty="No PPA." />
    <//>
  </div>`;
}

/** The requisition form: one PPA, one day, 96 blocks of kW. */
function Requisition({ ctx, who, canAct }) {
  const tomorrow = ctx.now.day + 1;
  const [ppaId, setPpaId] = useState('');
  const [day, setDay] = useState(tomorrow);
  const [profile, setProfile] = useState(Array(BLOCKS).fill(0));
  const [flat, setFlat] = useState('');
  const [csv, setCsv] = useState('');
  const [note, setNote] = useState(null);
  const { data, error } = useAt(ctx, async (at) => {
    const [ppas, params] = await Promise.all([buying(at, who), at.query.scheduling.parameters()]);
    const id = ppaId === '' ? ppas[0]?.id : Number(ppaId);
    const held = id === undefined ? null : await at.query.scheduling.requisitions(id, day);
    return { ppas, gate: params.requisitionGate.toNumber(), id, held: held?.isSome ? held.unwrap().map((v) => v.toNumber()) : null };
  }, [who, ppaId, day]);
  // The PPA chosen, or the first while none is: never a read still on its way.
  const id = ppaId !== '' ? Number(ppaId) : data?.id;
  const gateOpen = data && (ctx.now.day < day - 1 || (ctx.now.day === day - 1 && ctx.now.block < data.gate));

  const copyToday = async () => {
    const at = await ctx.api.at(ctx.head.hash);
    const held = await at.query.scheduling.requisitions(id, ctx.now.day);
    if (held.isSome) { setProfile(held.unwrap().map((v) => v.toNumber())); setNote(`Copied ${date(ctx.now.day)}'s requisition.`); return; }
    const today = ok(await at.call.schedulingApi.day(id, ctx.now.day));
    if (today?.blocks?.length) { setProfile(today.blocks.map((b) => b.scheduledKw)); setNote(`Copied ${date(ctx.now.day)}'s schedule (no requisition held).`); return; }
    setNote(`Nothing requisitioned or scheduled on ${date(ctx.now.day)} to copy.`);
  };
  const applyCsv = () => {
    const parsed = parseProfile(csv);
    if (parsed.error) setNote(parsed.error); else { setProfile(parsed.kw); setNote('Profile read from the CSV.'); }
  };
  const applyFlat = () => {
    const kw = Math.round(Number(flat) * 1000);
    if (!Number.isFinite(kw) || kw < 0) { setNote('A flat value is a number of MW.'); return; }
    setProfile(Array(BLOCKS).fill(kw));
    setNote(`${flat} MW in every block.`);
  };
  const total = profile.reduce((s, kw) => s + kw * 250, 0); // kW over 15 minutes = kW x 250 Wh
  return html`<${Section} id="requisition" title="Day-ahead requisition (96 time blocks)">
    <${ReadError} error=${error} />
    <div class="form">
      <label>PPA <select id="req-ppa" value=${id ?? ''} onChange=${(e) => setPpaId(e.target.value)}>
        ${(data?.ppas ?? []).map((p) => html`<option value=${p.id}>${p.id}: ${nameOf(ctx.directory, p.seller)} · ${termsOn(p, day).station}</option>`)}</select></label>
      <label>Day <select id="req-day" value=${day} onChange=${(e) => setDay(Number(e.target.value))}>
        ${[ctx.now.day, tomorrow, tomorrow + 1, tomorrow + 2].map((d) => html`<option value=${d}>${date(d)}</option>`)}</select></label>
      <label>Flat (MW) <input id="req-flat" size="8" value=${flat} onInput=${(e) => setFlat(e.target.value)} /></label>
      <button id="req-apply-flat" onClick=${applyFlat}>Fill every block</button>
      <button id="req-copy-today" onClick=${copyToday} disabled=${id === undefined}>Copy from today</button>
    </div>
    <label>Paste from CSV: 96 values in kW (one per line or comma-separated), or lines of <code>block,kW</code> (block 0-95 or HH:MM)
      <textarea id="req-csv" value=${csv} onInput=${(e) => setCsv(e.target.value)} /></label>
    <div class="form"><button id="req-apply-csv" onClick=${applyCsv}>Read the CSV</button>${note && html`<span class="muted" id="req-note">${note}</span>`}</div>
    <${ProfileChart} id="req-chart" values=${profile} label="Requisition profile, kW per block" />
    <p class="muted">${mwh(total)} in the day; peak ${mw(Math.max(...profile))}.
      ${data && html` The gate for ${date(day)} closes at ${blockTime(data.gate)} IST on ${date(day - 1)}: <strong id="req-gate">${gateOpen ? 'open' : 'closed'}</strong>.`}
      ${data?.held && html` <span id="req-held">Held on chain: ${mwh(data.held.reduce((s, kw) => s + kw * 250, 0))}.</span>`}</p>
    ${canAct
      ? html`<${Action} ctx=${ctx} id="req-submit" label=${`Requisition ${date(day)}`} makeTx=${() => {
        if (id === undefined) throw new Error('Choose a PPA first.');
        return ctx.api.tx.scheduling.requisition(id, day, profile);
      }} />`
      : html`<p class="muted">Sign as this discom to requisition.</p>`}
  <//>`;
}

/** A profile from CSV text: 96 values, or `block,kW` lines; `{kw}` or `{error}`. */
export function parseProfile(text) {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^[a-z]/i.test(l));
  const pairs = lines.length && lines.every((l) => l.split(/[,;\t]/).length === 2);
  if (pairs) {
    const kw = Array(BLOCKS).fill(0);
    for (const line of lines) {
      const [b, v] = line.split(/[,;\t]/).map((s) => s.trim());
      const block = /^\d{1,2}:\d{2}$/.test(b) ? (Number(b.slice(0, -3)) * 60 + Number(b.slice(-2))) / 15 : Number(b);
      if (!Number.isInteger(block) || block < 0 || block >= BLOCKS) return { error: `Not a time block: ${b}` };
      const value = Number(v);
      if (!Number.isFinite(value) || value < 0) return { error: `Not a kW value: ${v}` };
      kw[block] = Math.round(value);
    }
    return { kw };
  }
  const values = text.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (values.length !== BLOCKS) return { error: `${values.length} values: a day has ${BLOCKS} time blocks.` };
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return { error: 'Every value is a number of kW, 0 or more.' };
  return { kw: values.map(Math.round) };
}

/** Bills with due dates, rebate windows, LPS and a pay action. */
function Bills({ ctx, who, canAct }) {
  const { data, block, error } = useAt(ctx, async (at) => {
    const day = (await at.call.ppaApi.gridNow()).day.toNumber();
    const [ppas, dues] = await Promise.all([buying(at, who), at.call.settlementApi.buyerDues(who)]);
    const from = billsFrom(dues.toPrimitive(), day);
    const bills = (await Promise.all(ppas.map(async (p) => {
      const list = ok(await at.call.settlementApi.bills(p.id, from, day)) ?? [];
      return list.map((b) => ({ ...b, terms: termsOn(p, b.firstDay) }));
    }))).flat().sort((a, b) => a.presentedOn - b.presentedOn || a.id - b.id);
    return { bills, day };
  }, [who]);
  const [showSettled, setShowSettled] = useState(false);
  const [paid, setPaid] = useState(null);
  const bills = (data?.bills ?? []).filter((b) => showSettled || !b.settled);
  const onPaid = (bill) => async (result) => {
    if (!result.ok) { setPaid({ kind: 'error', name: result.error.name, text: `Payment to ${nameOf(ctx.directory, bill.seller)} refused: ${result.error.text}` }); return; }
    const header = await ctx.api.rpc.chain.getHeader(result.blockHash);
    const applied = result.events.filter(({ event }) => ctx.api.events.settlement.PaymentApplied.is(event))
      .map(({ event }) => `${inr(event.data.amount.toBigInt())} to PPA ${event.data.ppa.toNumber()} (LPS ${inr(event.data.lps.toBigInt())}, principal ${inr(event.data.principal.toBigInt())})`);
    setPaid({ kind: 'ok', block: header.number.toNumber(), text: `Paid ${nameOf(ctx.directory, bill.seller)} in block #${header.number.toNumber().toLocaleString('en-IN')}: ${applied.join('; ') || 'nothing was owed'}.` });
  };
  return html`<${Section} id="bills" title="Bills" extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <label class="form"><span><input type="checkbox" checked=${showSettled} onChange=${(e) => setShowSettled(e.target.checked)} /> show settled bills</span></label>
    <${Table} id="bills-table" numeric=${[0, 1, 6, 7, 8, 9]}
      head=${['Bill', 'PPA', 'Generator', 'Period', 'Presented', 'Due', 'Billed', 'Paid', 'Outstanding', 'LPS', 'Rebate window', 'Pay']}
      rows=${bills.map((b) => {
        const tiers = b.terms.rebateTiers ?? [];
        const tier = tiers.find(([days]) => b.presentedOn + days >= data.day) ?? tiers[tiers.length - 1];
        const rebateUntil = tier ? b.presentedOn + tier[0] : null;
        const owed = big(b.outstanding) + big(b.lps);
        return { key: b.id, cells: [
          b.id, b.ppa, nameOf(ctx.directory, b.seller), `${date(b.firstDay)} – ${date(b.lastDay)}`,
          date(b.presentedOn),
          html`<span class=${b.dueOn < data.day && !b.settled ? 'default' : ''}>${date(b.dueOn)}</span>`,
          inr(b.billed), inr(b.paid), html`<span data-outstanding=${b.outstanding}>${inr(b.outstanding)}</span>`, inr(b.lps),
          rebateUntil === null ? '—' : rebateUntil >= data.day
            ? `${(tier[1] / 10_000).toLocaleString('en-IN')} % until ${date(rebateUntil)}` : `closed ${date(rebateUntil)}`,
          b.settled ? html`<span class="good">Settled</span>` : canAct
            ? html`<${Action} ctx=${ctx} id=${`pay-${b.id}`} label=${`Pay ${inr(owed)}`} title=${`A payment of ${inr(owed)} to ${nameOf(ctx.directory, b.seller)}: the chain applies it to LPS first, then the oldest principal (rule 13)`}
                makeTx=${() => ctx.api.tx.settlement.pay(b.seller, owed, b.ppa)} onDone=${onPaid(b)} />`
            : '—',
        ] };
      })} empty="No bill to show." />
    ${paid && html`<p id="pay-status" class=${`status ${paid.kind}`} data-block=${paid.block ?? ''} data-error=${paid.name ?? ''} role=${paid.kind === 'error' ? 'alert' : 'status'}>${paid.text}</p>`}
    <p class="muted">A payment goes to the generator, not to one bill: the chain settles LPS first, then principal, oldest bill first (rule 13); the line above says where it went.</p>
  <//>`;
}

/** Letters of credit, requests, advance and coverage of each PPA; an LC request; an advance deposit. */
function Security({ ctx, who, canAct }) {
  const [amount, setAmount] = useState('');
  const [ppaId, setPpaId] = useState('');
  const { data, block, error } = useAt(ctx, async (at) => {
    const day = (await at.call.ppaApi.gridNow()).day.toNumber();
    const ppas = await buying(at, who);
    return Promise.all(ppas.map(async (p) => {
      const [coverage, lcIds, requests] = await Promise.all([
        at.call.psmApi.coverage(p.id, day), at.query.escrow.lcsOfPpa(p.id), at.query.escrow.lcRequests(p.id),
      ]);
      const lcs = (await Promise.all(lcIds.map(async (id) => {
        const lc = await at.query.escrow.lettersOfCredit(id);
        return lc.isSome ? { id: id.toNumber(), ...lc.unwrap().toPrimitive() } : null;
      }))).filter(Boolean);
      return { p, coverage: ok(coverage), lcs, requests: requests.toPrimitive() };
    }));
  }, [who]);
  const rows = data ?? [];
  return html`<${Section} id="security" title="Payment security: letters of credit and advance" extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <${Table} id="coverage" numeric=${[0, 1, 2, 3, 4]} head=${['PPA', 'Required', 'LCs', 'Advance', 'Committed', 'Adequate']}
      rows=${rows.filter((r) => r.coverage).map(({ p, coverage }) => ({ key: p.id, cells: [
        p.id, inr(coverage.required), inr(coverage.lettersOfCredit), inr(coverage.advance), inr(coverage.advanceCommitted),
        coverage.adequate ? html`<span class="good">Yes</span>` : html`<span class="default">No</span>`,
      ] }))} />
    <${Table} id="lcs" numeric=${[0, 1, 3, 4]} head=${['LC', 'PPA', 'Bank', 'Amount', 'Held', 'Expires', 'State']}
      rows=${rows.flatMap(({ p, lcs }) => lcs.map((lc) => ({ key: lc.id, cells: [
        lc.id, p.id, nameOf(ctx.directory, lc.bank), inr(lc.terms.amount), inr(lc.held), date(lc.terms.expiryDay),
        lc.lapsed ? html`<span class="default">Lapsed</span>` : lc.restoreBy !== null ? `Drawn: restore by ${date(lc.restoreBy)}` : 'In force',
      ] })))} empty="No letter of credit." />
    ${rows.some((r) => r.requests.length) && html`<p class="muted">Requested of banks: ${rows.flatMap(({ p, requests }) => requests.map(([bank, t]) => `${inr(t.amount)} of ${nameOf(ctx.directory, bank)} for PPA ${p.id}`)).join('; ')}.</p>`}
    ${canAct && html`<${LcRequest} ctx=${ctx} rows=${rows} />`}
    ${canAct && html`<div class="form">
      <label>PPA <select value=${ppaId} onChange=${(e) => setPpaId(e.target.value)}>
        ${rows.map(({ p }) => html`<option value=${p.id}>${p.id}</option>`)}</select></label>
      <label>Advance to deposit (INR) <input id="advance-amount" value=${amount} onInput=${(e) => setAmount(e.target.value)} /></label>
      <${Action} ctx=${ctx} id="advance-deposit" label="Deposit advance" makeTx=${() => {
        const units = parseInr(amount);
        if (units === null || units === 0n) throw new Error('An amount in rupees, e.g. 10,00,000.');
        const target = ppaId === '' ? rows[0]?.p.id : Number(ppaId);
        if (target === undefined) throw new Error('Choose a PPA first.');
        return ctx.api.tx.escrow.depositAdvance(target, units);
      }} />
    </div>`}
  <//>`;
}

/**
 * A request to a bank to open a letter of credit for one of the discom's PPAs in favour of its
 * seller: the bank may then open it on exactly these terms. The amount is at least the PPA's
 * required cover shared among the LCs a PPA may hold (the chain refuses less).
 */
function LcRequest({ ctx, rows }) {
  const banks = withRole(ctx.directory, 'Bank');
  const [ppaId, setPpaId] = useState('');
  const [bank, setBank] = useState('');
  const [amount, setAmount] = useState('');
  const [months, setMonths] = useState('12');
  const [revolving, setRevolving] = useState(true);
  const target = rows.find((r) => String(r.p.id) === ppaId) ?? rows[0];
  const to = bank || banks[0]?.address;
  const places = ctx.api.consts.escrow.maxLcsPerPpa.toNumber();
  // Shown only while the PPA requires cover (before supply starts the chain counts the first
  // terms' cover, which the coverage view does not state).
  const required = target?.coverage ? big(target.coverage.required) : 0n;
  const least = required > 0n ? (required + BigInt(places) - 1n) / BigInt(places) : null;
  const span = Number(months);
  const expiry = Number.isFinite(span) && span > 0 && span <= 120 ? ctx.now.day + Math.round(span * 30.4) : null;
  return html`<div class="form" id="lc-request">
    <label>PPA <select id="lc-ppa" value=${target?.p.id ?? ''} onChange=${(e) => setPpaId(e.target.value)}>
      ${rows.map(({ p }) => html`<option value=${p.id}>${p.id}</option>`)}</select></label>
    <label>Bank <select id="lc-bank" value=${to} onChange=${(e) => setBank(e.target.value)}>
      ${banks.map((b) => html`<option value=${b.address}>${b.name}</option>`)}</select></label>
    <label>Amount (INR) <input id="lc-amount" value=${amount} onInput=${(e) => setAmount(e.target.value)} placeholder=${least === null ? '' : `at least ${inr(least)}`} /></label>
    <label>For (months) <input id="lc-months" size="3" value=${months} onInput=${(e) => setMonths(e.target.value)} /></label>
    <label><input type="checkbox" id="lc-revolving" checked=${revolving} onChange=${(e) => setRevolving(e.target.checked)} /> revolving</label>
    <${Action} ctx=${ctx} id="lc-request-submit" label="Request the LC" makeTx=${() => {
      const units = parseInr(amount);
      if (units === null || units === 0n) throw new Error('An amount in rupees, e.g. 10,00,00,000.');
      if (!target) throw new Error('Choose a PPA first.');
      if (expiry === null) throw new Error('The LC runs for a number of months, 1 to 120.');
      return ctx.api.tx.escrow.requestLetterOfCredit(target.p.id, to, {
        amount: units, expiryDay: expiry, revolving, drawalsPerMonth: 1, restoreWithinDays: 15,
      });
    }} />
    <span class="muted">${expiry === null ? 'a number of months, 1 to 120' : `expires ${date(expiry)}`}; one drawal a month, restored within 15 days (revolving)${least === null ? '' : `; at least ${inr(least)}: the required cover shared among the ${places} LCs a PPA may hold`}.</span>
  </div>`;
}
