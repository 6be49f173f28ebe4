// The activity log: the PPA pallets' events, block by block, newest first. It follows the best
// block, reads the blocks it missed (heads skipped, a lost connection) and, when the page
// opens, the blocks of the hour before, as far as the node kept their state; it says which
// block it covers from.

/** Events of the PPA pallets the log keeps, at most. */
const LOG_LENGTH = 2000;
/**
 * Blocks before the first head whose events the log reads when the page opens: an hour at
 * 6-second blocks (a node keeps the state of its last 256 blocks unless told otherwise, an
 * archive node all; the log says where it starts).
 */
const HISTORY = 600;
/** Blocks read at once while filling in. */
const BATCH = 16;
/** The pallets whose events the log keeps. */
const LOGGED = ['registry', 'escrow', 'scheduling', 'settlement', 'defaults', 'resale'];

export class ActivityLog {
  /** `onChange()` hears every change of `entries`, `from` or `pruned`. */
  constructor(api, onChange) {
    this.api = api;
    this.onChange = onChange;
    /** Block number → its entries. */
    this.blocks = new Map();
    /** The oldest block from which the log has every block's events (null before the first head). */
    this.from = null;
    /** Whether the node had pruned the state of the block before `from`. */
    this.pruned = false;
    /** The last head seen. */
    this.last = null;
    /** Whether the log has dropped blocks for want of room (the history read then stops). */
    this.full = false;
    /** Every entry, newest first: `{block, section, method, data}`. */
    this.entries = [];
  }

  /**
   * The best block `number` and its events: replaces what the log held for it and any later
   * block (a re-organisation), and reads the blocks since the last head it missed (on the
   * first head, the `HISTORY` blocks before).
   */
  head(number, events) {
    for (const b of [...this.blocks.keys()]) if (b >= number) this.blocks.delete(b);
    this.blocks.set(number, entries(number, events));
    if (this.from === null) {
      this.from = number;
      this.fill(Math.max(0, number - HISTORY), number - 1, true);
    } else if (this.last !== null && number > this.last + 1) {
      this.fill(Math.max(this.last + 1, number - HISTORY), number - 1, false);
    }
    this.last = number;
    this.changed();
  }

  /**
   * Reads the events of blocks `top` down to `bottom`, `BATCH` at a time. `history`: the blocks
   * before the first head, which move `from` back and stop at the first block the node no
   * longer has (tried twice: a read can fail for a moment).
   */
  async fill(bottom, top, history) {
    for (let high = top; high >= bottom; high -= BATCH) {
      if (history && this.full) return;
      const numbers = [];
      for (let n = high; n > high - BATCH && n >= bottom; n--) numbers.push(n);
      const read = await Promise.all(numbers.map((n) => this.read(n).catch(() => this.read(n)).catch(() => null)));
      let gap = false;
      for (const [i, events] of read.entries()) {
        const n = numbers[i];
        if (events === null) { gap = true; if (history) break; continue; }
        if (history && this.full) return;
        if (!this.blocks.has(n)) this.blocks.set(n, entries(n, events));
        if (history) this.from = n;
      }
      if (history && gap) this.pruned = true;
      this.changed();
      if (history && gap) return;
    }
  }

  /** Block `n`'s events, decoded with the metadata of the runtime that made them. */
  async read(n) {
    const hash = await this.api.rpc.chain.getBlockHash(n);
    return (await this.api.at(hash)).query.system.events();
  }

  /** Keeps `LOG_LENGTH` entries at most, dropping whole blocks from the oldest. */
  changed() {
    let total = [...this.blocks.values()].reduce((sum, list) => sum + list.length, 0);
    const numbers = [...this.blocks.keys()].sort((a, b) => a - b);
    while (total > LOG_LENGTH && numbers.length > 1) {
      const oldest = numbers.shift();
      total -= this.blocks.get(oldest).length;
      this.blocks.delete(oldest);
      this.from = Math.max(this.from ?? 0, oldest + 1);
      this.full = true;
    }
    this.entries = numbers.reverse().flatMap((n) => this.blocks.get(n) ?? []);
    this.onChange();
  }
}

/** A block's events of the PPA pallets as `{block, section, method, data}` (data as primitives). */
function entries(block, events) {
  return events
    .filter(({ event }) => LOGGED.includes(event.section))
    .map(({ event }) => ({
      block,
      section: event.section,
      method: event.method,
      data: Object.fromEntries(event.meta.fields.map((f, i) => [f.name.unwrap().toString(), event.data[i].toPrimitive()])),
    }));
}
