import { NameMatcher, normaliseName } from './name';

describe('normaliseName', () => {
  it.each([
    ['Alice Archer', 'alice archer'],
    ['  Ádám   Kovács ', 'adam kovacs'],
    ['Siobhán O’Brien-Kovács, Jr.', "siobhan o'brien-kovacs jr"],
    ['Bertram M. Jørgensen', 'bertram m jorgensen'],
    ['ŁUKASZ WÓJCIK', 'lukasz wojcik'],
    ["-Anne- 'Marie' Strauß", 'anne marie strauss'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe('NameMatcher', () => {
  const matcher = new NameMatcher([
    'Alice Archer',
    'Ádám Kovács',
    'Siobhán O’Brien',
    'Faina D. Yefremova',
    'Ann',
  ]);
  const found = (text: string) => matcher.find(text).map((d) => [d.raw, d.normalised]);

  it('matches whole names ignoring case and diacritics', () => {
    expect(found('Ticket from alice ARCHER about email')).toEqual([['alice ARCHER', 'alice archer']]);
    expect(found('Ask Adam Kovacs or ádám kovács')).toEqual([
      ['Adam Kovacs', 'adam kovacs'],
      ['ádám kovács', 'adam kovacs'],
    ]);
    expect(found("Spoke to Siobhan O'Brien today")).toEqual([["Siobhan O'Brien", "siobhan o'brien"]]);
  });

  it('matches "Surname, Forename"', () => {
    expect(found('Assigned to: Archer, Alice.')).toEqual([['Archer, Alice', 'alice archer']]);
    expect(found('KOVÁCS,Ádám')).toEqual([['KOVÁCS,Ádám', 'adam kovacs']]);
    expect(found('Yefremova, Faina D. called')).toEqual([['Yefremova, Faina D', 'faina d yefremova']]);
  });

  it('accepts initials with or without a dot', () => {
    expect(found('Faina D. Yefremova and Faina D Yefremova')).toHaveLength(2);
  });

  it('never matches inside longer words or across lines', () => {
    expect(found('Alice Archers and MalAlice Archer and Alice Archer2 and Alice\nArcher')).toEqual([]);
    expect(found('Annette and Anne-Marie and Joanna')).toEqual([]);
    expect(found('Ann, Anne and Ann-Marie')).toEqual([['Ann', 'ann']]);
  });

  it("stops before a possessive 's", () => {
    const text = "Alice Archer's laptop";
    const [d] = matcher.find(text);
    expect(d).toEqual({ kind: 'name', start: 0, end: 12, raw: 'Alice Archer', normalised: 'alice archer' });
  });

  it('prefers the longest known name when names overlap', () => {
    const m = new NameMatcher(['Mary', 'Mary Smith', 'Smith']);
    expect(m.find('Mary Smith and Smith').map((d) => d.raw)).toEqual(['Mary Smith', 'Smith']);
  });

  it('copes with no names and empty text', () => {
    expect(new NameMatcher([]).find('Alice Archer')).toEqual([]);
    expect(new NameMatcher(['', '  ']).find('anything')).toEqual([]);
    expect(matcher.find('')).toEqual([]);
  });
});
