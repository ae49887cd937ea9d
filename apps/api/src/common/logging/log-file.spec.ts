import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogFile } from './log-file';

describe('LogFile', () => {
  it('writes every line to the file and tells only errors on the console, in one short line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hushdesk-log-')), 'logs', 'hushdesk.log');
    const told: string[] = [];
    const file = new LogFile(path, { write: (t: string) => told.push(t) });
    file.write('{"level":30,"msg":"Nest application successfully started"}\n');
    file.write('{"level":40,"msg":"request failed with 401"}\n');
    file.write('{"level":50,"context":"JobScheduler","msg":"job system error: boom\\nat stack"}\n');
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /^\[hushdesk\] error: JobScheduler: job system error: boom \(details in .*hushdesk\.log\)\n$/,
    );
  });
});
