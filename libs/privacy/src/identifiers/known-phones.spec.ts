import { redact } from '../redaction';
import { dialledForms, findKnownPhones, phoneNumbersIn, phoneTail, phoneTails } from './known-phones';

const KNOWN = '+447700900123';
const found = (text: string, known: string[] = [KNOWN]) =>
  findKnownPhones(text, known).map((d) => [d.raw, d.normalised]);
const scrubbed = (text: string, known: string[] = [KNOWN]) => redact(text, findKnownPhones(text, known));

describe('findKnownPhones: a known number in every way people write it', () => {
  it.each([
    '07700 900123',
    '07700 900 123',
    '07700900123',
    '07700-900-123',
    '07700.900.123',
    '07700 - 900 - 123',
    '07700–900–123',
    '07700/900123',
    '(07700) 900123',
    '(07700) 900-123',
    '0 7 7 0 0 9 0 0 1 2 3',
    '0.7.7.0.0.9.0.0.1.2.3',
    '0 7700 900 123',
    '+447700900123',
    '+44 7700 900123',
    '+44 7700 900 123',
    '+44-7700-900-123',
    '+44.7700.900.123',
    '+ 44 7700 900123',
    '+44 (0)7700 900 123',
    '+44 (0) 7700 900123',
    '+44(0)7700900123',
    '0044 7700 900123',
    '0044-7700-900-123',
    '0044 (0)7700 900123',
    '00 44 7700 900 123',
    '447700900123',
    '44 7700 900123',
    '7700 900123',
    '7700 900 123',
  ])('%s', (written) => {
    const text = `Call me on ${written} after six.`;
    expect(found(text)).toEqual([[written, KNOWN]]);
    expect(scrubbed(text)).toBe('Call me on [phone] after six.');
  });

  it('finds it at the start and end of a text, on a line of its own, and split by a line break', () => {
    expect(found('07700 900123')).toEqual([['07700 900123', KNOWN]]);
    expect(scrubbed('Tel:\n07700\n900123\nThanks')).toBe('Tel:\n[phone]\nThanks');
    expect(scrubbed('mob:07700900123;')).toBe('mob:[phone];');
  });

  it('finds each of several numbers, including two written next to each other', () => {
    const other = '+447700900456';
    expect(scrubbed('07700 900123 07700 900456 and +44 7700 900123', [KNOWN, other])).toBe(
      '[phone] [phone] and [phone]',
    );
    expect(scrubbed('07700 900123/07700 900456', [KNOWN])).toBe('[phone]/07700 900456');
  });

  it('takes in the brackets the number opened, and leaves the sentence’s own', () => {
    expect(scrubbed('(call 07700 900123)')).toBe('(call [phone])');
    expect(scrubbed('Tel (07700) 900123.')).toBe('Tel [phone].');
    expect(scrubbed('ring 07700 (900123)')).toBe('ring [phone]');
  });

  it('never matches other numbers, or the known digits inside a longer group', () => {
    for (const text of [
      'Call 07700 900124 instead',
      'Order 107700900123 shipped',
      'Order 07700900123456',
      'IBAN GB29NWBK60161331926819',
      '07700 90012',
      '+1 7700 900123',
      '001 7700 900123',
      '2024-01-12 10:30',
    ]) {
      expect({ text, found: found(text) }).toEqual({ text, found: [] });
    }
  });

  it('finds a number of another country in its own national and international forms', () => {
    const paris = '+33142685300';
    expect(found('01 42 68 53 00', [paris])).toEqual([['01 42 68 53 00', paris]]);
    expect(found('+33 (0)1 42 68 53 00', [paris])).toEqual([['+33 (0)1 42 68 53 00', paris]]);
    expect(found('0033 1 42 68 53 00', [paris])).toEqual([['0033 1 42 68 53 00', paris]]);
    const sf = '+14155550132';
    for (const written of [
      '(415) 555-0132',
      '415.555.0132',
      '1-415-555-0132',
      '+1 415 555 0132',
      '011 1 415 555 0132',
    ])
      expect(found(`x ${written} y`, [sf])).toEqual([[written, sf]]);
  });

  it('needs numbers to look for', () => {
    expect(findKnownPhones('07700 900123', [])).toEqual([]);
    expect(findKnownPhones('', [KNOWN])).toEqual([]);
  });
});

describe('dialledForms', () => {
  it('lists the digits of every form, longest first', () => {
    expect(dialledForms(KNOWN)).toEqual([
      '004407700900123',
      '00447700900123',
      '4407700900123',
      '447700900123',
      '07700900123',
      '7700900123',
    ]);
  });
});

describe('phoneNumbersIn: what a person wrote as their own number', () => {
  it('reads every common format the detector may refuse', () => {
    const text =
      'Contact me on 0044-7700-900-123, +44 (0)7700 900 124, 07700-900-125, 0 7 7 0 0 9 0 0 1 2 6 or 07700.900.127.';
    expect(phoneNumbersIn(text).sort()).toEqual([
      '+447700900123',
      '+447700900124',
      '+447700900125',
      '+447700900126',
      '+447700900127',
    ]);
  });

  it('reads two numbers written one after the other', () => {
    expect(phoneNumbersIn('07700 900123 07700 900456').sort()).toEqual(['+447700900123', '+447700900456']);
  });

  it('leaves runs that do not start like a phone number', () => {
    expect(phoneNumbersIn('Invoice 4412 5567 8890, ticket HD-000123, on 2024-01-12')).toEqual([]);
  });
});

describe('phoneTails', () => {
  it('holds the tail of every written form of a number', () => {
    for (const written of [
      '07700 900123',
      '+44 (0)7700 900 123',
      '0044-7700-900-123',
      '0 7 7 0 0 9 0 0 1 2 3',
    ]) {
      expect(phoneTails(`ring ${written} now`)).toContain(phoneTail(KNOWN));
    }
  });

  it('has nothing for short numbers and text without digits', () => {
    expect(phoneTails('room 12, floor 3')).toEqual([]);
    expect(phoneTails('no digits')).toEqual([]);
  });
});
