// Progress of the tables being loaded: on a terminal one line per table, redrawn in place (several
// tables load at once, on two connections); elsewhere (CI, a log file) a line every 10% instead.
import { fmt, secs } from '../bench-common.mjs';

const WIDTH = 24;
const up = (n) => (n ? `\x1b[${n}A` : '');

export class ProgressBoard {
  constructor(out = process.stdout) {
    this.out = out;
    this.tty = Boolean(out.isTTY);
    this.bars = [];
    this.drawn = 0;
    this.timer = null;
  }

  /**
   * A bar for `total` rows (or other `unit`s) of `label`; `add(n)` as they go, `done(n)` at the end.
   * Off a terminal, `tenths` logs a line at each further tenth (rows by default).
   */
  bar(label, total, unit = 'rows', { tenths = unit === 'rows' } = {}) {
    const bar = new Bar(this, label, total, unit, tenths);
    this.bars.push(bar);
    if (this.tty) {
      this.timer ??= setInterval(() => this.draw(), 250);
      this.timer.unref();
    }
    return bar;
  }

  draw() {
    if (!this.tty) return;
    const lines = this.bars.map((b) => `\r\x1b[2K${b.line()}\n`);
    this.out.write(up(this.drawn) + lines.join(''));
    this.drawn = lines.length;
  }

  /** A line of its own above the bars (a finished index, say), so redraws do not overwrite it. */
  note(text) {
    if (!this.tty) return this.out.write(`${text}\n`);
    this.out.write(`${up(this.drawn)}\r\x1b[J${text}\n`);
    this.drawn = 0;
    this.draw();
  }

  /** Last redraw; the lines stay on screen as the phase's record. */
  close() {
    clearInterval(this.timer);
    this.timer = null;
    this.draw();
    this.bars = [];
    this.drawn = 0;
  }

  /** Off a terminal: a line at each further tenth of a table, and one when it is done. */
  log(bar) {
    if (!this.tty) this.out.write(`${bar.line()}\n`);
  }
}

class Bar {
  constructor(board, label, total, unit, tenths) {
    this.board = board;
    this.tenths = tenths;
    this.label = label;
    this.unit = unit;
    this.total = Math.max(1, total);
    this.rows = 0;
    this.started = Date.now();
    this.ms = null;
    this.nextTenth = 1;
  }

  add(n) {
    this.rows += n;
    const tenth = Math.floor((this.rows / this.total) * 10);
    if (tenth >= this.nextTenth && tenth < 10 && this.tenths) {
      this.nextTenth = tenth + 1;
      this.board.log(this);
    }
  }

  done(rows = this.rows) {
    if (this.ms !== null) return;
    this.rows = rows;
    this.ms = Date.now() - this.started;
    if (this.board.tty) this.board.draw();
    else this.board.log(this);
  }

  get rate() {
    return this.rows / (Math.max(1, this.ms ?? Date.now() - this.started) / 1000);
  }

  line() {
    const label = this.label.padEnd(20);
    if (this.ms !== null) {
      return `✓ ${label} ${fmt(this.rows).padStart(11)} ${this.unit} in ${secs(this.ms)} (${fmt(this.rate)} ${this.unit}/s)`;
    }
    const share = Math.min(1, this.rows / this.total);
    const filled = Math.round(share * WIDTH);
    const eta = this.rows ? (this.total - this.rows) / this.rate : NaN;
    return (
      `  ${label} ${`${Math.floor(share * 100)}%`.padStart(4)} ${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ` +
      `${fmt(this.rows).padStart(11)} / ${fmt(this.total)}  ${fmt(this.rate)} ${this.unit}/s` +
      (Number.isFinite(eta) ? `  ETA ${Math.ceil(eta)} s` : '')
    );
  }
}
