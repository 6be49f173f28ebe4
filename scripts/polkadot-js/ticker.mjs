// The demo's ticker: every block of the chain as it is imported, its events told in words and
// figures (metering and real-time settlement summed per block), and the transaction fees
// counted so the story can show that no money was created or lost.

import { date, clock, inr, mwh, mw } from './story.mjs';

/// An event's fields by name: integers up to 32 bits (ids, days, kW) as numbers, wider ones
/// (amounts, Wh) as BigInt.
function fields(event) {
  const out = {};
  event.data.names?.forEach((name, i) => {
    const v = event.data[i];
    if (typeof v.toBigInt !== 'function') out[name] = v.toJSON();
    else out[name] = v.bitLength() <= 32 ? v.toNumber() : v.toBigInt();
  });
  return out;
}

/// A dispatch error as `section.Name` when a pallet's.
function errorText(api, error) {
  if (error?.isModule) {
    const { section, name } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}`;
  }
  return error?.toString();
}

export class Ticker {
  constructor(api, names) {
    this.api = api;
    this.names = names;
    this.last = null;
    this.fees = 0n;
    this.error = null;
    this.chain = Promise.resolve();
    this.quiet = false;
  }

  name(who) {
    return this.names[who?.toString()] ?? who?.toString();
  }

  /// Follows the chain from the block after `from` (a block number).
  async start(from) {
    this.last = from;
    this.unsubscribe = await this.api.rpc.chain.subscribeNewHeads((head) => {
      this.chain = this.chain
        .then(() => this.catchUp(head.number.toNumber()))
        .catch((e) => {
          this.error ??= e;
        });
    });
  }

  stop() {
    this.unsubscribe?.();
  }

  /// Processes every block up to `n` in order, none skipped.
  async catchUp(n) {
    while (this.last < n) {
      const k = this.last + 1;
      const hash = await this.api.rpc.chain.getBlockHash(k);
      await this.block(k, hash);
      this.last = k;
    }
  }

  /// Resolves once the ticker has told block `n`.
  async reach(n) {
    while (this.last < n) {
      if (this.error) throw this.error;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (this.error) throw this.error;
  }

  async block(k, hash) {
    const api = this.api;
    const at = await api.at(hash);
    const records = await at.query.system.events();
    const now = (await api.rpc.grid.now(hash)).toJSON();
    const stamp = `[${date(now.day)} ${clock(now.block)} #${k}]`;
    const lines = [];
    const metered = new Map();
    const settled = new Map();
    const bids = new Map();
    const cleared = { blocks: 0, sold: 0, prices: new Set() };
    const awards = new Map();
    const paidWinners = new Map();
    const credits = new Map();
    const deliveries = { blocks: 0, delivered: 0n, revenue: 0n, cost: 0n, net: 0n };
    for (const { event } of records) {
      const f = fields(event);
      const key = `${event.section}.${event.method}`;
      const n = (who) => this.name(who);
      switch (key) {
        case 'transactionPayment.TransactionFeePaid':
          this.fees += f.actualFee;
          break;
        case 'gridClock.RateChanged':
          lines.push(`grid clock now runs ${f.rate.toLocaleString('en-IN')}x: a grid day every ${(86_400 / Number(f.rate)).toFixed(1)} s`);
          break;
        case 'scheduling.Requisitioned':
          lines.push(`${n(f.buyer)} requisitions ${mwh(f.requestedWh)} for ${date(f.day)} (PPA ${f.ppa})`);
          break;
        case 'scheduling.ScheduleFinalized': {
          const c = f.cuts;
          const cuts = [
            ['availability', c.availabilityWh],
            ['payment security', c.paymentSecurityWh],
            ['regulation', c.regulationWh],
            ['resold', c.resaleWh],
            ['blocks passed or within the lead time', c.leadTimeWh],
          ].filter(([, wh]) => BigInt(wh) > 0n);
          const cutText = cuts.length ? `cut for ${cuts.map(([w, wh]) => `${w} ${mwh(wh)}`).join(', ')}` : 'no cuts';
          lines.push(`schedule of PPA ${f.ppa} for ${date(f.day)} final: requested ${mwh(f.requestedWh)}, scheduled ${mwh(f.scheduledWh)} (${cutText}), worth ${inr(f.value)}`);
          break;
        }
        case 'scheduling.EnergyMetered': {
          const m = metered.get(f.ppa) ?? { blocks: 0, wh: 0n };
          m.blocks += 1;
          m.wh += f.actualWh;
          metered.set(f.ppa, m);
          break;
        }
        case 'scheduling.SaleScheduled':
          break;
        case 'settlement.BlockSettled': {
          const s = settled.get(f.ppa) ?? { blocks: 0, paid: 0n, rebate: 0n, buyer: f.buyer };
          s.blocks += 1;
          s.paid += f.paid;
          s.rebate += f.rebate;
          settled.set(f.ppa, s);
          break;
        }
        case 'settlement.BillPresented':
          lines.push(`${n(f.seller)} bills ${n(f.buyer)} (PPA ${f.ppa}, bill #${f.bill}) for ${date(f.firstDay)}: energy ${mwh(f.energyWh)} ${inr(f.energyCharge)} + capacity ${inr(f.capacityCharge)}${f.resaleCredit > 0n ? ` - resale credit ${inr(f.resaleCredit)}` : ''} = ${inr(f.energyCharge + f.capacityCharge - f.resaleCredit)}, due ${date(f.dueOn)}`);
          break;
        case 'settlement.PaymentApplied':
          lines.push(`PPA ${f.ppa}: ${inr(f.amount)} paid to ${n(f.seller)} from ${String(f.source).toLowerCase()} (LPS ${inr(f.lps)}, principal ${inr(f.principal)}, rebate ${inr(f.rebate)})`);
          break;
        case 'settlement.LpsMonthBegan':
          lines.push(`bill #${f.bill} of PPA ${f.ppa}: month ${f.month} of default, LPS now ${(Number(f.annualRate) / 10_000).toFixed(2)} % a year on ${inr(f.outstanding)} (accrued ${inr(f.lps)})`);
          break;
        case 'settlement.ResaleProceedsCredited': {
          const c = credits.get(f.ppa) ?? { n: 0, amount: 0n, buyer: f.buyer };
          c.n += 1;
          c.amount += f.amount;
          credits.set(f.ppa, c);
          break;
        }
        case 'defaults.SecurityInvoked':
          lines.push(`${f.instrument} invoked for bill #${f.bill} of PPA ${f.ppa}: ${inr(f.amount)}`);
          break;
        case 'defaults.SecurityNotInvoked':
          lines.push(`${f.instrument} not drawn for bill #${f.bill} of PPA ${f.ppa}: ${errorText(api, event.data[3])}`);
          break;
        case 'defaults.BillOverdue':
          lines.push(`bill #${f.bill} of PPA ${f.ppa} OVERDUE: ${inr(f.outstanding)} unpaid by ${n(f.buyer)}; LPS runs; default trigger date ${date(f.triggerOn)}`);
          break;
        case 'defaults.DefaultTriggered':
          lines.push(`DEFAULT on bill #${f.bill} of PPA ${f.ppa}: ${n(f.buyer)} owes ${inr(f.outstanding)} + LPS ${inr(f.lps)}; graded regulation from ${date(f.regulationFrom)}`);
          break;
        case 'defaults.BuyerDefaulted':
          lines.push(`${n(f.buyer)} in default since ${date(f.since)}: barred from the resale market (rule 19)`);
          break;
        case 'defaults.RegulationStepped':
          lines.push(`${n(f.buyer)}'s schedules regulated: ${f.share} % withheld${f.nextStep ? `, ${f.nextStep[1]} % from ${date(f.nextStep[0])}` : ''}`);
          break;
        case 'defaults.SecurityFailureRecorded':
          lines.push(`payment security failure of ${n(f.buyer)} (PPA ${f.ppa}): ${JSON.stringify(f.failure)}`);
          break;
        case 'defaults.SecurityFailureCleared':
          lines.push(`payment security of ${n(f.buyer)} (PPA ${f.ppa}) adequate again`);
          break;
        case 'defaults.DuesDefaultCured':
          lines.push(`${n(f.buyer)} has paid every overdue bill and its LPS`);
          break;
        case 'defaults.BuyerRestored':
          lines.push(`${n(f.buyer)} RESTORED: no longer in default (since ${date(f.inDefaultSince)}), schedules uncut`);
          break;
        case 'escrow.LcDrawn':
          lines.push(`${n(f.bank)} pays ${n(f.seller)} ${inr(f.amount)} under LC #${f.lc}; it holds ${inr(f.held)}; ${n(f.buyer)} owes ${n(f.bank)} ${inr(f.owed)}${f.restoreBy ? `; restore by ${date(f.restoreBy)}` : ''}`);
          break;
        case 'escrow.LcRestored':
          lines.push(`LC #${f.lc} restored by ${n(f.bank)}: ${inr(f.restored)}`);
          break;
        case 'escrow.LcRestorationMissed':
          lines.push(`LC #${f.lc} not restored in time: it LAPSES (${inr(f.shortfall)} short)`);
          break;
        case 'escrow.PsmFailed':
          lines.push(`PPA ${f.ppa}: payment security ${inr(f.available)} against ${inr(f.required)} required (${JSON.stringify(f.failure)})`);
          break;
        case 'escrow.LcOpened':
          lines.push(`${n(f.bank)} opens LC #${f.lc} for PPA ${f.ppa}: ${inr(f.terms.amount)}, in favour of ${n(f.seller)}`);
          break;
        case 'escrow.LcClosed':
          lines.push(`LC #${f.lc} closed: ${inr(f.released)} released to ${n(f.bank)}`);
          break;
        case 'escrow.BankReimbursed':
          lines.push(`${n(f.obligor)} reimburses ${n(f.bank)} ${inr(f.amount)} (still owed ${inr(f.owed)})`);
          break;
        case 'escrow.AdvanceDeposited':
          lines.push(`${n(f.buyer)} deposits an advance of ${inr(f.amount)} for PPA ${f.ppa} (held ${inr(f.held)})`);
          break;
        case 'resale.Offered':
          lines.push(`${n(f.seller)} offers ${n(f.defaulter)}'s withheld share for ${date(f.day)}: ${mwh(f.offeredWh)} at a reserve of ${inr(f.reserve)}/kWh`);
          break;
        case 'resale.BidPlaced': {
          const b = bids.get(f.bidder.toString()) ?? { n: 0, held: 0n };
          b.n += 1;
          b.held += f.held;
          bids.set(f.bidder.toString(), b);
          break;
        }
        case 'resale.BlockCleared':
          cleared.blocks += 1;
          if (f.soldKw > 0) {
            cleared.sold += 1;
            cleared.prices.add(inr(f.price));
          }
          break;
        case 'resale.BidAwarded': {
          const a = awards.get(f.bidder.toString()) ?? { n: 0, kw: 0 };
          a.n += 1;
          a.kw += Number(f.kw);
          awards.set(f.bidder.toString(), a);
          break;
        }
        case 'resale.WinnerPaid': {
          const p = paidWinners.get(f.bidder.toString()) ?? { wh: 0n, paid: 0n };
          p.wh += f.deliveredWh;
          p.paid += f.paid;
          paidWinners.set(f.bidder.toString(), p);
          break;
        }
        case 'resale.DeliverySettled':
          deliveries.blocks += 1;
          deliveries.delivered += f.deliveredWh;
          deliveries.revenue += f.revenue;
          deliveries.cost += f.energyCost;
          deliveries.net += f.netProceeds;
          break;
        case 'sudo.Sudid':
          if (event.data[0].isErr) lines.push(`sudo call failed: ${event.data[0].asErr.toString()}`);
          break;
        default:
      }
    }
    for (const [ppa, m] of metered) {
      lines.push(`NRLDC meters ${m.blocks} block(s) of PPA ${ppa}: ${mwh(m.wh)}`);
    }
    for (const [ppa, s] of settled) {
      lines.push(`${this.name(s.buyer)} settles ${s.blocks} block(s) of PPA ${ppa} in real time from its advance: ${inr(s.paid)} (rebate ${inr(s.rebate)})`);
    }
    for (const [who, b] of bids) {
      lines.push(`${this.name(who)} bids in ${b.n} block(s), ${inr(b.held)} held as collateral`);
    }
    if (cleared.blocks) {
      lines.push(`resale book cleared: ${cleared.blocks} block(s), ${cleared.sold} sold at ${[...cleared.prices].join(', ') || '-'}/kWh`);
    }
    for (const [who, a] of awards) {
      lines.push(`${this.name(who)} wins ${a.n} block(s), ${mw(a.kw / a.n)} on average`);
    }
    for (const [who, p] of paidWinners) {
      lines.push(`${this.name(who)} pays ${inr(p.paid)} for ${mwh(p.wh)} delivered`);
    }
    if (deliveries.blocks) {
      lines.push(`resale deliveries settled: ${deliveries.blocks} block(s), ${mwh(deliveries.delivered)}, revenue ${inr(deliveries.revenue)} - energy cost ${inr(deliveries.cost)} = net proceeds ${inr(deliveries.net)}`);
    }
    for (const [ppa, c] of credits) {
      lines.push(`net resale proceeds of ${c.n} block(s), ${inr(c.amount)}, credited against ${this.name(c.buyer)}'s capacity charges (PPA ${ppa})`);
    }
    if (!this.quiet) for (const line of lines) console.log(`   ${stamp} ${line}`);
  }
}
