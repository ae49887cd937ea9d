import { DomainError } from './errors/domain-error';
import { parseCsv, toCsv } from './csv';

describe('parseCsv', () => {
  it('gives each record the file line it starts on, past blank lines and multi-line fields', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['h1,h2', '', 'a,"two', 'lines"', '  ,  ', 'b,"x ""q"""', 'c,3'].join(eol);
      expect(parseCsv(text)).toEqual([
        { line: 1, fields: ['h1', 'h2'] },
        { line: 3, fields: ['a', `two${eol}lines`] },
        { line: 6, fields: ['b', 'x "q"'] },
        { line: 7, fields: ['c', '3'] },
      ]);
    }
  });

  it('keeps a stray quote inside a field and accepts ragged rows', () => {
    expect(parseCsv('a,b\n1,2"3\n4\n').map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2"3'], ['4']]);
  });

  it('refuses a quote that is never closed as a bad file', () => {
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(DomainError);
  });
});

describe('toCsv', () => {
  it('quotes when needed and defuses formulas', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"', 'two\nlines'],
        ['=1+2', '+x', '-y', '@z', 'plain'],
      ]),
    ).toBe('a,"b,c","say ""hi""","two\nlines"\r\n\'=1+2,\'+x,\'-y,\'@z,plain\r\n');
  });
});
