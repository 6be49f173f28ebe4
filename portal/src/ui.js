// Small shared pieces of the views: the html tag, a hook that reads the chain at each best
// block, tables, an action button that signs and reports, and SVG charts.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { send } from './submit.js';
import { blockTime, date, inr, mw, mwh, words } from './format.js';
import { withRole } from './chain.js';

export const html = htm.bind(h);

/**
 * The participant of `role` a view is about: the signing account if it has that role (it may
 * act), otherwise the one picked in `picker` (read only; the first by default). `noun` names
 * the role in the picker, `id` is the picker's element id.
 */
export function useParticipant(ctx, role, noun, id) {
  const all = withRole(ctx.directory, role);
  const mine = ctx.account && all.find((p) => p.address === ctx.account.address);
  const [chosen, setChosen] = useState(null);
  const who = mine?.address ?? chosen ?? all[0]?.address;
  const picker = !mine && html`<div class="card form"><label>${noun} (read only: sign as it to act)
      <select id=${id} value=${who} onChange=${(e) => setChosen(e.target.value)}>
        ${all.map((p) => html`<option value=${p.address}>${p.name}</option>`)}</select></label></div>`;
  return { who, mine, picker };
}

/**
 * Runs `read(at, head)` at every new best block (and when `deps` change) and returns
 * `{data, error, block}`: the answer, a read error, and the block number it is of.
 */
export function useAt(ctx, read, deps = []) {
  const [result, setResult] = useState({ data: null, error: null, block: null });
  // The newest read shown so far (a read slower than a block still lands if nothing newer
  // has), and the choice (deps) reads are for: a new choice clears what the old one showed.
  const shown = useRef(-1);
  const choice = useRef(null);
  const hash = ctx.head?.hash;
  const key = JSON.stringify(deps.map((d) => (d instanceof Map ? d.size : d)));
  useEffect(() => {
    if (choice.current !== key) {
      choice.current = key;
      shown.current = -1;
      setResult({ data: null, error: null, block: null });
    }
  }, [key]);
  useEffect(() => {
    if (!ctx.api || !hash) return;
    const number = ctx.head.number;
    const mine = key;
    (async () => {
      try {
        const at = await ctx.api.at(hash);
        const data = await read(at, ctx.head);
        if (choice.current === mine && number >= shown.current) {
          shown.current = number;
          setResult({ data, error: null, block: number });
        }
      } catch (e) {
        if (choice.current === mine) setResult((r) => ({ ...r, error: `Reading the chain at block #${number} failed: ${e?.message ?? e}` }));
      }
    })();
  }, [hash, key]);
  return result;
}

/** A read's error, said on the page. */
export function ReadError({ error }) {
  return error ? html`<p class="status error" role="alert">${error}</p>` : null;
}

/** "As of block #N", which the browser test reads to compare with the RPC at that block. */
export function AsOf({ block, error }) {
  if (error) return html`<span class="status error" role="alert">${error}</span>`;
  return block === null ? html`<span class="muted">reading…</span>`
    : html`<span class="as-of muted" data-block=${block}>as of block #${block.toLocaleString('en-IN')}</span>`;
}

/** A section with a title. */
export function Section({ title, children, id, extra }) {
  return html`<section id=${id} class="card"><header><h2>${title}</h2>${extra}</header>${children}</section>`;
}

/** A table of `rows` (arrays of cells) under `head` (names); `empty` when there are none. */
export function Table({ head, rows, empty = 'Nothing to show.', id, numeric = [] }) {
  if (!rows.length) return html`<p class="muted" id=${id}>${empty}</p>`;
  return html`<table id=${id}>
    <thead><tr>${head.map((c, i) => html`<th class=${numeric.includes(i) ? 'num' : ''}>${c}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr key=${r.key} data-key=${r.key}>${(r.cells ?? r).map((c, i) => html`<td class=${numeric.includes(i) ? 'num' : ''}>${c}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/**
 * How an action went, beside its button: `{kind: info|ok|error, text, name}` (`name`: the
 * chain's error, which the browser test reads).
 */
export function Status({ status, id }) {
  return html`<span id=${id} class=${`status ${status.kind}`} data-error=${status.name ?? ''} role=${status.kind === 'error' ? 'alert' : 'status'}>${status.text}</span>`;
}

/**
 * A button that signs `makeTx()` with the chosen account and shows the outcome beside it:
 * "Included in block #N", or the chain's refusal in words. `onDone(result)` hears it.
 */
export function Action({ ctx, label, makeTx, onDone, disabled, id }) {
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!ctx.account) { setStatus({ kind: 'error', text: 'Choose an account to sign with first.' }); return; }
    let tx;
    try { tx = makeTx(); } catch (e) { setStatus({ kind: 'error', text: String(e?.message ?? e) }); return; }
    if (!tx) return;
    setBusy(true);
    const result = await send(ctx.api, ctx.account, tx, (text) => setStatus({ kind: 'info', text }));
    setBusy(false);
    if (result.ok) {
      const header = await ctx.api.rpc.chain.getHeader(result.blockHash);
      setStatus({ kind: 'ok', text: `Included in block #${header.number.toNumber().toLocaleString('en-IN')}.` });
    } else {
      setStatus({ kind: 'error', text: `Refused: ${result.error.text}`, name: result.error.name });
    }
    onDone?.(result);
  };
  return html`<span class="action">
    <button id=${id} onClick=${run} disabled=${busy || disabled}>${label}</button>
    ${status && html`<${Status} status=${status} />`}
  </span>`;
}

/**
 * The chain's recent events that `keep(entry)` selects, newest first: each with its block,
 * pallet and name in words, and its fields (amounts in INR, accounts by name). The log covers
 * the blocks since the page opened and the hour before, as far as the node kept their state.
 */
export function Activity({ ctx, keep, title = 'Activity', id }) {
  const rows = (ctx.log ?? []).filter(keep).slice(0, 30);
  const from = ctx.logFrom === null || ctx.logFrom === undefined ? null : html`<span class="muted log-from" data-block=${ctx.logFrom}>
    since block #${ctx.logFrom.toLocaleString('en-IN')}${ctx.logPruned ? ' (the node keeps no older state: an archive node gives more)' : ''}</span>`;
  return html`<${Section} id=${id} title=${title} extra=${from}>
    ${rows.length === 0 ? html`<p class="muted">Nothing in these blocks.</p>` : html`<ul class="log">
      ${rows.map((e) => html`<li data-method=${e.method}><span class="muted">#${e.block.toLocaleString('en-IN')}</span> ${words(e.section)}: <strong>${words(e.method)}</strong>
        ${Object.entries(e.data).map(([k, v]) => html` · ${words(k)} ${field(ctx, k, v)}`)}</li>`)}
    </ul>`}
  <//>`;
}

/** A test of a field name's last word (snake_case or camelCase) against `words`. */
function lastWord(words) {
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return new RegExp(`(^|_)(${words.join('|')})$|[a-z0-9](${camel.join('|')})$`);
}
/** Event fields that are amounts, INR units. */
const MONEY = lastWord(['amount', 'held', 'owed', 'restored', 'released', 'shortfall', 'principal', 'lps', 'paid', 'charge', 'value', 'credit', 'price', 'rebate', 'reserve', 'outstanding', 'due', 'upheld', 'remaining', 'committed', 'applied', 'pending', 'revenue', 'cost', 'proceeds', 'available', 'required']);
/** Event fields that are grid days. */
const DAY = lastWord(['day', 'since', 'until', 'on', 'from']);
const RESTORE_BY = /^restore_?[bB]y$/;

/**
 * An event field in words, by its name: amounts in INR, energy in MWh, power in MW, days as
 * dates, time blocks as IST times, accounts by name; a record field by field.
 */
function field(ctx, name, value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && ctx.directory?.has(value)) return ctx.directory.get(value).name;
  const number = /^-?\d+$/.test(String(value));
  if (number && /wh$/i.test(name)) return mwh(value);
  if (number && /kw$/i.test(name)) return mw(value);
  if (number && /days$/i.test(name)) return `${value} days`;
  if (Number.isInteger(value) && value < 1_000_000 && RESTORE_BY.test(name)) return date(value);
  // `by` is a letter of credit's increase (an account `by` is named above).
  if (number && (MONEY.test(name) || name === 'by')) return inr(value);
  // Grid days are about 20,000 now: a larger number under a day's name is something else.
  if (Number.isInteger(value) && value < 1_000_000 && DAY.test(name)) return date(value);
  if (Number.isInteger(value) && /^(block|from_?block)$/i.test(name)) return blockTime(value);
  if (Array.isArray(value)) return value.map((v) => field(ctx, name, v)).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${words(k)} ${field(ctx, k, v)}`).join(', ');
  return String(value);
}

/** Bars of `values` (one per time block) with an optional `line` over them, scaled to fit. */
export function ProfileChart({ values, line = null, label, height = 120, id }) {
  const width = 576;
  const max = Math.max(1, ...values.map(Number), ...(line ?? []).map((v) => Number(v ?? 0)));
  const bar = width / values.length;
  const y = (v) => height - (Number(v ?? 0) / max) * (height - 10);
  const path = line
    ? line.map((v, i) => (v === null ? null : `${i * bar + bar / 2},${y(v)}`)).filter(Boolean).join(' ')
    : null;
  return html`<svg id=${id} class="chart" viewBox=${`0 0 ${width} ${height + 14}`} role="img" aria-label=${label}>
    ${values.map((v, i) => html`<rect x=${i * bar + 0.5} y=${y(v)} width=${Math.max(bar - 1, 1)} height=${height - y(v)} class="bar" />`)}
    ${path && html`<polyline points=${path} class="line" />`}
    ${[0, 24, 48, 72].map((b) => html`<text x=${b * bar} y=${height + 12} class="tick">${String(b / 4).padStart(2, '0')}:00</text>`)}
  </svg>`;
}

/** A line of `points` (`{x: label, y: number}`), e.g. outstanding dues over time. */
export function LineChart({ points, label, height = 140, id, format = String }) {
  const width = 576;
  if (points.length < 2) return html`<p class="muted">${label}: collecting points…</p>`;
  const max = Math.max(1, ...points.map((p) => p.y));
  const step = width / (points.length - 1);
  const y = (v) => height - (v / max) * (height - 16) - 4;
  const line = points.map((p, i) => `${i * step},${y(p.y)}`).join(' ');
  return html`<svg id=${id} class="chart" viewBox=${`0 -4 ${width} ${height + 18}`} role="img" aria-label=${label}>
    <polyline points=${line} class="line" />
    <text x="0" y="8" class="tick">${format(max)}</text>
    <text x="0" y=${height + 12} class="tick">${points[0].x}</text>
    <text x=${width} y=${height + 12} class="tick" text-anchor="end">${points[points.length - 1].x}</text>
  </svg>`;
}
