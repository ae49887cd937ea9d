import { mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, relative } from 'node:path';

const ERROR_LEVEL = 50;

let stopping = false;
/**
 * Called when the process is asked to stop: Ctrl+C also reaches the embedded PostgreSQL, which then
 * drops the API's connections, and those expected errors go to the file only.
 */
export function stopTellingErrors(): void {
  stopping = true;
}

/**
 * Log lines to a file (LOG_FILE; `npm start` in demo mode uses DATA_DIR/hushdesk.log), so the
 * console keeps only what a person needs. Errors are still told on stderr, in one short line that
 * points at the file. Lines arrive here already scrubbed of personal data.
 */
export class LogFile {
  private readonly fd: number;
  private readonly shownPath: string;

  constructor(
    path: string,
    private readonly errors: { write(text: string): unknown } = process.stderr,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    // Synchronous appends: nothing is lost when the process exits right after a line.
    this.fd = openSync(path, 'a', 0o600);
    this.shownPath = relative(process.cwd(), path) || path;
  }

  write(line: string): void {
    writeSync(this.fd, line);
    let record: { level?: number; msg?: unknown; context?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      return;
    }
    if ((record.level ?? 0) < ERROR_LEVEL || stopping) return;
    const where = typeof record.context === 'string' ? `${record.context}: ` : '';
    const what = typeof record.msg === 'string' ? record.msg : 'see the log';
    this.errors.write(
      `[hushdesk] error: ${where}${what.split('\n')[0].slice(0, 200)} (details in ${this.shownPath})\n`,
    );
  }
}
