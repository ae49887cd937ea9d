import { normaliseName } from '@hushdesk/privacy';
import { nameCandidates } from './identifier-index.service';

describe('nameCandidates', () => {
  it('gives every two- and three-word run, each normalised as a name key is', () => {
    const text = 'Call Ádám  O’Brien-Kovács, or ΣΟΦΙΑ Øystein (sofia@example.com) today';
    const candidates = nameCandidates(text);
    expect(candidates).toEqual([
      'call adam',
      "call adam o'brien-kovacs",
      "adam o'brien-kovacs",
      "adam o'brien-kovacs or",
      "o'brien-kovacs or",
      "o'brien-kovacs or σοφια",
      'or σοφια',
      'or σοφια oystein',
      'σοφια oystein',
      'σοφια oystein today',
      'oystein today',
    ]);
    // The same key a person with that name is stored under.
    expect(candidates).toContain(normaliseName("  Ádám  O'Brien-Kovács "));
  });

  it('leaves out the words of email addresses, and a lone word', () => {
    expect(nameCandidates('Archer')).toEqual([]);
    expect(nameCandidates('ask jo.bloggs@example.com now')).toEqual(['ask now']);
  });
});
