// Progress bars for long command-line runs (`npm run bench:seed`, `blobs:migrate`): on a terminal
// one line per bar, redrawn in place (several can run at once); elsewhere (CI, a log file, a
// container's log) a line at each further tenth instead, and one when a bar is done. It lives in
// the API's source so the built image's commands can use it too.

const WIDTH = 24;
const up = (n: number) => (n ? `\x1b[${n}A` : '');
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Out {
  isTTY?: boolean;
  write(text: string): unknown;
}

export class ProgressBoard {
  readonly tty: boolean;
  private bars: ProgressBar[] = [];
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly out: Out = process.stdout) {
    this.tty = Boolean(out.isTTY);
  }

  /**
   * A bar for `total` rows (or other `unit`s) of `label`; `add(n)` as they go, `done(n)` at the end.
   * Off a terminal, `tenths` logs a line at each further tenth (rows by default).
   */
  bar(label: string, total: number, unit = 'rows', { tenths = unit === 'rows' } = {}): ProgressBar {
    const bar = new ProgressBar(this, label, total, unit, tenths);
    this.bars.push(bar);
    if (this.tty) {
      this.timer ??= setInterval(() => this.draw(), 250);
      this.timer.unref();
    }
    return bar;
  }

  draw(): void {
    if (!this.tty) return;
    const lines = this.bars.map((b) => `\r\x1b[2K${b.line()}\n`);
    this.out.write(up(this.drawn) + lines.join(''));
    this.drawn = lines.length;
  }

  /** A line of its own above the bars (a finished index, say), so redraws do not overwrite it. */
  note(text: string): void {
    if (!this.tty) {
      this.out.write(`${text}\n`);
      return;
    }
    this.out.write(`${up(this.drawn)}\r\x1b[J${text}\n`);
    this.drawn = 0;
    this.draw();
  }

  /** Last redraw; the lines stay on screen as the phase's record. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.draw();
    this.bars = [];
    this.drawn = 0;
  }

  /** Off a terminal: a line at each further tenth of a bar, and one when it is done. */
  log(bar: ProgressBar): void {
    if (!this.tty) this.out.write(`${bar.line()}\n`);
  }
}

export class ProgressBar {
  readonly total: number;
  rows = 0;
  private readonly started = Date.now();
  private ms: number | null = null;
  private nextTenth = 1;

  constructor(
    private readonly board: ProgressBoard,
    readonly label: string,
    total: number,
    readonly unit: string,
    private readonly tenths: boolean,
  ) {
    this.total = Math.max(1, total);
  }

  add(n: number): void {
    this.rows += n;
    const tenth = Math.floor((this.rows / this.total) * 10);
    if (tenth >= this.nextTenth && tenth < 10 && this.tenths) {
      this.nextTenth = tenth + 1;
      this.board.log(this);
    }
  }

  done(rows = this.rows): void {
    if (this.ms !== null) return;
    this.rows = rows;
    this.ms = Date.now() - this.started;
    if (this.board.tty) this.board.draw();
    else this.board.log(this);
  }

  get rate(): number {
    return this.rows / (Math.max(1, this.ms ?? Date.now() - this.started) / 1000);
  }

  line(): string {
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
