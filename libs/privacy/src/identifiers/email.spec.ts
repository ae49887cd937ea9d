import { findEmails } from './email';

const emails = (text: string) => findEmails(text).map((d) => [d.raw, d.normalised]);

describe('findEmails', () => {
  it.each([
    ['jane.doe+support@example.co.uk', 'jane.doe+support@example.co.uk'],
    ['first_last@mail.example.ac.uk', 'first_last@mail.example.ac.uk'],
    ['ops-team@example.net', 'ops-team@example.net'],
    ['Sam.Patel@Example.COM', 'sam.patel@example.com'],
    ["j.o'neill@example.org", "j.o'neill@example.org"],
    ['a.kovacs@példa.hu', 'a.kovacs@példa.hu'],
    ['x@y.io', 'x@y.io'],
  ])('finds %s', (raw, normalised) => {
    expect(emails(`Send it to ${raw} please`)).toEqual([[raw, normalised]]);
  });

  it('leaves trailing and surrounding punctuation out', () => {
    expect(emails('Email me at priya.shah@example.co.uk.')).toEqual([
      ['priya.shah@example.co.uk', 'priya.shah@example.co.uk'],
    ]);
    expect(emails('(alex@example.org), <bob@example.com>; "c@example.com"! mailto:noc@example.com?')).toEqual(
      [
        ['alex@example.org', 'alex@example.org'],
        ['bob@example.com', 'bob@example.com'],
        ['c@example.com', 'c@example.com'],
        ['noc@example.com', 'noc@example.com'],
      ],
    );
    expect(emails("'quoted@example.com'")).toEqual([['quoted@example.com', 'quoted@example.com']]);
    expect(emails('alice@example.com,bob@example.com')).toHaveLength(2);
  });

  it('reports exact offsets', () => {
    const text = 'cc: ann@example.com.';
    expect(findEmails(text)).toEqual([
      { kind: 'email', start: 4, end: 19, raw: 'ann@example.com', normalised: 'ann@example.com' },
    ]);
  });

  it.each([
    '@handle on the forum',
    'user@localhost',
    'a@b',
    'a..b@example.com',
    '.a@example.com',
    'a@-example.com',
    'a@example.c',
    'icon@2x.png and logo@3x.jpg',
    'me@example.com@other',
    'version 1.2@3.4',
  ])('does not flag %j', (text) => {
    expect(findEmails(text)).toEqual([]);
  });
});
