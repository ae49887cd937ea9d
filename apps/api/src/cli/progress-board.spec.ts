import { ProgressBoard } from './progress-board';

/** What an operator reads in a log (no terminal): a line per tenth, a note, and the closing line. */
describe('ProgressBoard off a terminal', () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      out: { isTTY: false, write: (t: string) => lines.push(...t.split('\n').filter(Boolean)) },
    };
  };

  it('logs each further tenth and the end, with the count and unit', () => {
    const { lines, out } = capture();
    const board = new ProgressBoard(out);
    const bar = board.bar('blobs', 20, 'blobs', { tenths: true });
    for (let i = 0; i < 20; i++) bar.add(1);
    board.note('✗ abc: checksum mismatch');
    bar.done();
    board.close();
    expect(lines.filter((l) => /^\s+blobs\s+\d+%/.test(l))).toHaveLength(9);
    expect(lines[0]).toMatch(/10% .* 2 \/ 20 /);
    expect(lines).toContain('✗ abc: checksum mismatch');
    expect(lines[lines.length - 1]).toMatch(/^✓ blobs\s+20 blobs in \d+\.\d s/);
  });

  it('logs only the end for a bar without tenths (the seed’s index builds)', () => {
    const { lines, out } = capture();
    const bar = new ProgressBoard(out).bar('indexes', 10, 'built');
    for (let i = 0; i < 10; i++) bar.add(1);
    bar.done();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✓ indexes\s+10 built/);
  });
});
