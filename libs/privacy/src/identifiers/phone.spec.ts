import { detectIdentifiers } from './detect';
import { findPhones, normalisePhone } from './phone';

const phones = (text: string) => findPhones(text).map((d) => [d.raw, d.normalised]);

describe('findPhones: formats people type', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+447700 921 916', '+447700921916'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+44 (0) 7700 900345', '+447700900345'],
    ['0044 20 7946 0321', '+442079460321'],
    // International prefix 00 on numbers whose digits happen to pass the Luhn check of card numbers.
    ['0044 7911 123456', '+447911123456'],
    ['00447911123456', '+447911123456'],
    ['0044 7400 144971', '+447400144971'],
    ['020 7946 0958', '+442079460958'],
    ['020-7946-0444', '+442079460444'],
    ['(01632) 960 001', '+441632960001'],
    ['01632 960 555', '+441632960555'],
    ['0161 496 0000', '+441614960000'],
    ['0161-496-0000', '+441614960000'],
    ['0161.496.0000', '+441614960000'],
    ['(0161) 496 0999', '+441614960999'],
    ['0113 496 0999', '+441134960999'],
    ['0115 496 0123', '+441154960123'],
    ['0117 496 0789', '+441174960789'],
    ['029 2018 0333', '+442920180333'],
    ['028 9649 6444', '+442896496444'],
    ['0191 498 0555', '+441914980555'],
    ['0808 157 0192', '+448081570192'],
    ['07700-900-111', '+447700900111'],
    ['+1 415-555-0132', '+14155550132'],
    ['+1-984-182-0190', '+19841820190'],
    ['(415) 555-0132', '+14155550132'],
    ['(579)888-3058', '+15798883058'],
    ['415.555.0132', '+14155550132'],
    ['415-555-0132', '+14155550132'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['+46 (0)8 928 571 38', '+46892857138'],
  ])('finds %s as %s', (raw, e164) => {
    expect(phones(`Please call ${raw} today.`)).toEqual([[raw, e164]]);
    expect(phones(raw)).toEqual([[raw, e164]]);
  });

  it.each([
    ['001-415-555-0132x123', '+14155550132'],
    ['345-899-3560x4587', '+13458993560'],
    ['0113 496 0123 ext. 204', '+441134960123'],
    ['+1-903-140-4508x769', '+19031404508'],
  ])('includes the extension of %s in the span', (raw, e164) => {
    expect(phones(`Desk: ${raw}.`)).toEqual([[raw, e164]]);
  });

  it('finds several numbers on one line and keeps the surrounding punctuation out', () => {
    expect(phones('Two numbers: 07700 900222 and 07700 900333.')).toEqual([
      ['07700 900222', '+447700900222'],
      ['07700 900333', '+447700900333'],
    ]);
    expect(phones('(07700 900444), 07700 900555; "020 7946 0001"')).toEqual([
      ['07700 900444', '+447700900444'],
      ['07700 900555', '+447700900555'],
      ['020 7946 0001', '+442079460001'],
    ]);
    expect(phones('07700 900222 07700 900333')).toHaveLength(2);
    expect(phones('tel:+447700900654')).toEqual([['+447700900654', '+447700900654']]);
  });

  it('reports exact offsets', () => {
    const text = 'Ring 0161 496 0000 now';
    const [d] = findPhones(text);
    expect(d).toMatchObject({ kind: 'phone', start: 5, end: 18 });
    expect(text.slice(d.start, d.end)).toBe(d.raw);
  });

  it('finds short local numbers only next to a phone word, keeping their digits as normalised', () => {
    expect(phones('Phone:\n467 3395\n\nE-mail: x')).toEqual([['467 3395', '4673395']]);
    expect(phones("They're not answering at 99 668472")).toEqual([['99 668472', '99668472']]);
    expect(phones('416 60 039 office')).toEqual([['416 60 039', '41660039']]);
    expect(phones('Fax: 9498777106')).toEqual([['9498777106', '+19498777106']]);
    expect(phones('We shipped 467 3395 units')).toEqual([]);
    expect(phones('reference 9498777106')).toEqual([]);
  });
});

describe('findPhones: the formats an outside review reported missed (issue 14), and their relatives', () => {
  // Every one is the same mobile, so a subject's number is found and matched however it was typed.
  it.each([
    '0044-7700-900-123',
    '0044 7700 900123',
    '0044.7700.900.123',
    '+44 (0)7700 900 123',
    '+44(0)7700-900-123',
    '+44 07700 900123',
    '+44.7700.900.123',
    '07700-900-123',
    '07700 900 123',
    '077 009 001 23',
    '07700.900.123',
    '0 7700 900 123',
    '(07700) 900123',
    '0 7 7 0 0 9 0 0 1 2 3',
    '0.7.7.0.0.9.0.0.1.2.3',
    '(+44) 7700 900123',
    '(+44) 07700 900123',
    '(+44)7700-900-123',
    '+(44) 7700 900123',
    '(0044) 7700 900123',
    '44 (0)7700 900123',
    '44(0)7700-900-123',
  ])('finds all of %s as +447700900123', (raw) => {
    expect(phones(`Please call ${raw} today.`)).toEqual([[raw, '+447700900123']]);
    expect(phones(`I will be at ${raw}, ok?`)).toEqual([[raw, '+447700900123']]);
    expect(phones(raw)).toEqual([[raw, '+447700900123']]);
  });

  it.each([
    ['020-7946-0958', '+442079460958'],
    ['0161.496.0000', '+441614960000'],
    ['0044 (0) 20 7946 0958', '+442079460958'],
    ['(+44) 20 7946 0958', '+442079460958'],
    ['(0033) 1 23 45 67 89', '+33123456789'],
    ['(+1) 415-555-0132', '+14155550132'],
  ])('finds %s as %s', (raw, e164) => {
    expect(phones(`Landline ${raw}.`)).toEqual([[raw, e164]]);
  });

  it('reads the country code written without + or 00 as international next to a phone word', () => {
    expect(phones('Phone: 44 7700 900123')).toEqual([['44 7700 900123', '+447700900123']]);
    expect(phones('call 44-7700-900-123 tonight')).toEqual([['44-7700-900-123', '+447700900123']]);
    expect(phones('my mobile is 44 20 7946 0958')).toEqual([['44 20 7946 0958', '+442079460958']]);
    // without a phone word it is just a number
    expect(phones('We shipped 44 7700 900123 units')).toEqual([]);
    expect(phones('Lot 44-7700-900-123 is on the pallet.')).toEqual([]);
  });

  it('finds a number glued to "Tel." and other phone abbreviations', () => {
    expect(phones('Tel.07700 900 131')).toEqual([['07700 900 131', '+447700900131']]);
    expect(phones('Mob.07700-900-132, Ph.0161 496 0000')).toEqual([
      ['07700-900-132', '+447700900132'],
      ['0161 496 0000', '+441614960000'],
    ]);
    // other words glued to a number by a dot still rule it out
    expect(phones('see file.07700900123 and v.07700.900.123')).toEqual([]);
  });
});

describe('findPhones: things that are not phones', () => {
  it.each([
    'Ticket HD-000123 was raised on 12/03/2024 at 14:30 and closed 2024-03-14.',
    'Meeting on 12.03.2024 at 10.30am, then 12-03-2024 and 2024 03 12.',
    'The server at 192.168.100.254 and 10.0.0.1:8080 is unreachable; MAC 00:1A:2B:3C:4D:5E.',
    'user 3f2b8c9e-1d4a-4c6b-9e8f-0a1b2c3d4e5f and 12345678-1234-1234-1234-123456789012',
    'Sort code 12-34-56, account number 12345678.',
    'Refund of £1,234.56 issued; balance £12,500.00, or $ 1 234 567, or 1234567 GBP.',
    'Invoice total € 1 234 567 for the year, 1234567.89 in all.',
    'Order #100234567 shipped to SW1A 1AA, tracking AB123456789GB.',
    'Order number 4412345678 is delayed; order 07700900123 too.',
    'NHS number 943 476 5919 on the form.',
    'Card 4111 1111 1111 1111 was declined; IBAN GB29 NWBK 6016 1331 9268 19.',
    'SSN 123-45-6789.',
    'Calls from 2019-2024 were archived. Phone lines are open Mon–Fri 0900-1730.',
    'Serial number 1234-5678-9012 on the router label.',
    'The log at 2024-03-12T14:30:00Z shows 1,234,567 rows scanned.',
    'Firmware v2.14.3 build 20240312 rolled out to 4,500 handsets.',
    'See https://example.com/tickets/07700900123 and /api/v1/users/01614960000',
    'The account number for my phone line is 12345678.',
    'The number of tickets closed last year was 1 234 567.',
    'My phone’s IMEI is 356938035643809.',
    'Call me about order 87654321 when you can.',
    'I called 3 times about the bill of £45.99 for 07/2024; 1500 ms; 404; HD-0001234567.',
    'office is at 17031 2202 Rissik St Apt. 050',
    'Postcodes M1 1AE, BS1 6QA and CF10 1EP; 51.5074, -0.1278.',
    'order12345678 and 07700900123abc and x07700900123',
  ])('flags nothing in: %s', (text) => {
    expect(findPhones(text)).toEqual([]);
  });

  it('leaves a phone inside an email address to the email', () => {
    expect(detectIdentifiers('07700900123@sms.example.com').map((d) => d.kind)).toEqual(['email']);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['07700 900123', '+447700900123'], // UK mobile (drama range: possible, not "valid")
    ['07700 063 966', '+447700063966'], // UK mobile, valid
    ['0161 496 0000', '+441614960000'], // landline
    ['020 7946 0958', '+442079460958'], // London
    ['(01632) 960 001', '+441632960001'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+44 (0) 7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['+1 415-555-0132', '+14155550132'],
    ['(415) 555-0132', '+14155550132'], // North American layout, read as US
    ['001-415-555-0132x123', '+14155550132'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['  +33 (0)6 12 34 56 78 ', '+33612345678'],
    ['tel:+447700900123', '+447700900123'],
  ])('%s → %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    '0044-7700-900-123',
    '0044 7700 900123',
    '+44 (0)7700 900 123',
    '+44(0)7700-900-123',
    '+44.7700.900.123',
    '07700-900-123',
    '07700 900 123',
    '077 009 001 23',
    '07700.900.123',
    '0 7700 900 123',
    '(07700) 900123',
    '0 7 7 0 0 9 0 0 1 2 3',
    '(+44) 7700 900123',
    '(+44) 07700 900123',
    '+(44) 7700 900123',
    '(0044) 7700 900123',
    '44 (0)7700 900123',
    '44 7700 900123',
    '44-7700-900-123',
    '447700900123',
  ])('%s → +447700900123', (raw) => {
    expect(normalisePhone(raw)).toBe('+447700900123');
  });

  it('reads a bare country code only for the default country, and never over a valid national reading', () => {
    expect(normalisePhone('0044 (0) 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('33 1 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(normalisePhone('33 1 23 45 67 89')).toBeNull();
    expect(normalisePhone('1 415 555 0132', 'US')).toBe('+14155550132');
  });

  it('reads national numbers in the given country', () => {
    expect(normalisePhone('01 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(normalisePhone('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(normalisePhone('011 44 20 7946 0958', 'US')).toBe('+442079460958');
  });

  it.each(['', '   ', 'not a phone', '12345', '2024-03-12', '0800 FLOWERS', '+44 12', '123456789012345678'])(
    'returns null for %j',
    (raw) => {
      expect(normalisePhone(raw)).toBeNull();
    },
  );
});

describe('findPhones: numbers that label things, not people', () => {
  it.each([
    'Asset tag 07700-900-123 is the spare laptop.',
    'Asset tags 07700-900-319 and 07700-900-320 were swapped.',
    'The tag reads 07700.900.321 under the stand.',
    'Barcode 07700 900316 was scanned at goods-in.',
    'Cable label 0161-496-0318 is on both ends.',
    'Lottery syndicate numbers 07 12 23 34 45 49 this week.',
    'Bingo called 07 11 19 28 36 42 before the break.',
    'Row counts per shard: 0 7 7 0 9 9 0 1 2 3 4.',
    'Calls per hour: 0 7 7 0 0 9 0 0 1 2 3 from 08:00.',
    'Ports 0 7 7 0 0 9 0 0 1 2 on the switch are disabled.',
    'Handsets per floor: 07 70 09 00 12.',
  ])('finds no phone in %j', (text) => {
    expect(phones(text)).toEqual([]);
  });

  it.each([
    ['Calls per hour are fine; call me on 0 7 7 0 0 9 0 0 5 2 5.', '0 7 7 0 0 9 0 0 5 2 5', '+447700900525'],
    ['The asset tag is on the back; my mobile is 07700 900 520.', '07700 900 520', '+447700900520'],
    ['Tag me in the reply, or text 07700-900-536.', '07700-900-536', '+447700900536'],
    ['He left 0 1 6 1 4 9 6 0 5 3 5 as a callback number.', '0 1 6 1 4 9 6 0 5 3 5', '+441614960535'],
    ['Text the syndicate numbers to me on 07700 900529.', '07700 900529', '+447700900529'],
    ['Phone:\n60-56-85-91', '60-56-85-91', '60568591'],
  ])('still finds the phone in %j', (text, raw, normalised) => {
    expect(phones(text)).toEqual([[raw, normalised]]);
  });
});
