// A load despatch centre's view: finalizing a day's schedules in batches, meter data uploaded
// from CSV, and revisions waiting for its approval.
import { useState } from 'preact/hooks';
import { html, useAt, useParticipant, AsOf, Section, Status, Table, Action } from '../ui.js';
import { BLOCKS, blockTime, date, mw } from '../format.js';
import { nameOf, ppa, ppaIds } from '../chain.js';
import { send } from '../submit.js';

/** PPAs a finalization or meter batch carries: the runtime's `MaxBatch`. */
const batchOf = (api) => api.consts.scheduling.maxBatch.toNumber();
/** The statuses in which a PPA binds (and so is scheduled). */
const BINDING = ['Signed', 'Active'];

export function Ldc({ ctx }) {
  const { who, mine, picker } = useParticipant(ctx, 'LoadDespatchCentre', 'Load despatch centre');
  if (!who) return html`<p class="muted">No load despatch centre is registered.</p>`;
  return html`
    ${picker}
    <${Finalize} ctx=${ctx} who=${who} canAct=${!!mine} />
    <${Meter} ctx=${ctx} canAct=${!!mine} />
    <${Revisions} ctx=${ctx} who=${who} canAct=${!!mine} />`;
}

/** The PPAs this LDC schedules. */
async function scheduledBy(at, who) {
  const ids = await ppaIds(at);
  return (await Promise.all(ids.map((id) => ppa(at, id)))).filter((p) => p && p.ldc === who);
}

/** Sends `calls` one after another, reporting progress; stops at the first refusal. */
async function inBatches(ctx, calls, setProgress, setBusy) {
  setBusy(true);
  try {
    for (let i = 0; i < calls.length; i++) {
      const result = await send(ctx.api, ctx.account, calls[i], (s) => setProgress({ kind: 'info', text: `Batch ${i + 1} of ${calls.length}: ${s}` }));
      if (!result.ok) { setProgress({ kind: 'error', name: result.error.name, text: `Batch ${i + 1} of ${calls.length} refused: ${result.error.text}` }); return; }
    }
    setProgress({ kind: 'ok', text: `All ${calls.length} batch(es) included.` });
  } finally {
    setBusy(false);
  }
}

function Finalize({ ctx, who, canAct }) {
  const [day, setDay] = useState(ctx.now.day + 1);
  const [progress, setProgress] = useState(null);
  const [busy, setBusy] = useState(false);
  const { data, block, error } = useAt(ctx, async (at) => {
    const ppas = await scheduledBy(at, who);
    return Promise.all(ppas.map(async (p) => {
      const [account, requisition] = await Promise.all([at.query.scheduling.energyAccounts(p.id, day), at.query.scheduling.requisitions(p.id, day)]);
      return { p, finalized: account.isSome, requisitioned: requisition.isSome };
    }));
  }, [who, day]);
  const rows = data ?? [];
  const finalized = rows.filter((r) => r.finalized).length;
  // The chain passes over a PPA without a requisition: it is left unscheduled.
  const open = rows.filter((r) => !r.finalized && r.requisitioned && BINDING.includes(r.p.status));
  const unasked = rows.filter((r) => !r.finalized && !r.requisitioned && BINDING.includes(r.p.status)).length;
  const batch = batchOf(ctx.api);
  const batches = [];
  for (let i = 0; i < open.length; i += batch) batches.push(open.slice(i, i + batch).map((r) => r.p.id));
  return html`<${Section} id="finalize" title="Finalize day-ahead schedules" extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <div class="form">
      <label>Day <select id="finalize-day" value=${day} onChange=${(e) => setDay(Number(e.target.value))}>
        ${[ctx.now.day, ctx.now.day + 1, ctx.now.day + 2].map((d) => html`<option value=${d}>${date(d)}</option>`)}</select></label>
      <span class="muted" id="finalize-summary">${finalized} of ${rows.length} PPAs finalized; ${open.length} requisitioned to go in ${batches.length} batch(es) of up to ${batch}; ${unasked} binding without a requisition (not scheduled).</span>
      ${canAct && html`<button id="finalize-all" disabled=${busy || !batches.length} onClick=${() => inBatches(ctx, batches.map((b) => ctx.api.tx.scheduling.finalizeSchedules(day, b)), setProgress, setBusy)}>Finalize</button>`}
      ${progress && html`<${Status} status=${progress} id="finalize-progress" />`}
    </div>
  <//>`;
}

function Meter({ ctx, canAct }) {
  const [day, setDay] = useState(ctx.now.day);
  const [csv, setCsv] = useState('');
  const [progress, setProgress] = useState(null);
  const [busy, setBusy] = useState(false);
  const upload = () => {
    const byBlock = new Map();
    for (const line of csv.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^[a-z]/i.test(l))) {
      const [p, b, wh] = line.split(/[,;\t]/).map((s) => s.trim());
      const block = /^\d{1,2}:\d{2}$/.test(b) ? (Number(b.slice(0, -3)) * 60 + Number(b.slice(-2))) / 15 : Number(b);
      if (!Number.isInteger(Number(p)) || !Number.isInteger(block) || block < 0 || block >= BLOCKS || !(Number(wh) >= 0)) {
        setProgress({ kind: 'error', text: `Not a reading (ppa,block,Wh): ${line}` }); return;
      }
      if (!byBlock.has(block)) byBlock.set(block, []);
      byBlock.get(block).push([Number(p), Math.round(Number(wh))]);
    }
    const calls = [];
    for (const [block, readings] of [...byBlock.entries()].sort((a, b) => a[0] - b[0])) {
      const batch = batchOf(ctx.api);
      for (let i = 0; i < readings.length; i += batch) calls.push(ctx.api.tx.scheduling.submitMeterReadings(day, block, readings.slice(i, i + batch)));
    }
    if (!calls.length) { setProgress({ kind: 'error', text: 'No reading in the CSV.' }); return; }
    inBatches(ctx, calls, setProgress, setBusy);
  };
  return html`<${Section} id="meter" title="Meter data">
    <div class="form"><label>Day <select id="meter-day" value=${day} onChange=${(e) => setDay(Number(e.target.value))}>
      ${[ctx.now.day - 2, ctx.now.day - 1, ctx.now.day].map((d) => html`<option value=${d}>${date(d)}</option>`)}</select></label>
      <span class="muted">Blocks ended so far today: up to ${blockTime(ctx.now.block)} IST.</span></div>
    <label>CSV: one reading a line, <code>ppa,block,Wh</code> (block 0-95 or HH:MM)
      <textarea id="meter-csv" value=${csv} onInput=${(e) => setCsv(e.target.value)} /></label>
    <div class="form">${canAct ? html`<button id="meter-upload" disabled=${busy} onClick=${upload}>Upload</button>` : html`<span class="muted">Sign as this LDC to upload.</span>`}
      ${progress && html`<${Status} status=${progress} id="meter-progress" />`}</div>
  <//>`;
}

function Revisions({ ctx, who, canAct }) {
  const { data, block, error } = useAt(ctx, async (at) => {
    const entries = await at.query.scheduling.pendingRevisions.entries();
    const rows = await Promise.all(entries.map(async ([k, v]) => {
      const id = k.args[0].toNumber();
      return { id, info: await ppa(at, id), revision: v.unwrap().toPrimitive() };
    }));
    return rows.filter((r) => r.info?.ldc === who);
  }, [who]);
  return html`<${Section} id="revisions" title="Revisions to approve" extra=${html`<${AsOf} block=${block} error=${error} />`}>
    <${Table} numeric=${[0]} head=${['PPA', 'Requested by', 'Day', 'From', 'Peak asked', 'Decide']}
      rows=${(data ?? []).map(({ id, info, revision }) => ({ key: id, cells: [
        id, nameOf(ctx.directory, revision.by), date(revision.day), blockTime(revision.fromBlock),
        mw(Math.max(...(revision.kw ?? [0]))),
        canAct ? html`<${Action} ctx=${ctx} id=${`approve-${id}`} label="Approve" makeTx=${() => ctx.api.tx.scheduling.approveRevision(id)} />
          <${Action} ctx=${ctx} id=${`reject-${id}`} label="Reject" makeTx=${() => ctx.api.tx.scheduling.rejectRevision(id)} />` : '—',
      ] }))} empty="No revision pending." />
  <//>`;
}
