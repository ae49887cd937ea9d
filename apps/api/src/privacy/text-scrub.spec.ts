import { normaliseName } from '@hushdesk/privacy';
import { blankEmails, scrubOnly } from './text-scrub';

const dana = {
  emails: new Set(['dana.whitfield@acme.test']),
  phones: new Set(['+447700900456']),
  nameKeys: new Set([normaliseName('Dana Whitfield')]),
};

describe('scrubOnly: one person’s identifiers, nobody else’s', () => {
  it('removes the person’s email, phone (any format) and name', () => {
    const { text, removed } = scrubOnly(
      'From DANA.WHITFIELD@acme.test, call 07700-900-456 or +44 (0)7700 900456. Regards, Dana Whitfield.',
      dana,
    );
    expect(text).toBe('From [email], call [phone] or [phone]. Regards, [name].');
    expect(removed).toBe(4);
  });

  it('leaves other people’s identifiers, and lookalikes, untouched', () => {
    const text = 'Diana Whitfield (dana.whitfield@globex.test, 07700 900457) and Dana Whitfeld.';
    expect(scrubOnly(text, dana)).toEqual({ text, removed: 0 });
  });

  it('does not read a name inside someone else’s email address', () => {
    const text = 'Write to dana.whitfield@globex.test instead.';
    expect(scrubOnly(text, dana).removed).toBe(0);
  });

  it('removes the person’s number in every format, including those the open-ended detector refuses', () => {
    for (const written of [
      '0044-7700-900-456',
      '+44 (0)7700 900 456',
      '07700-900-456',
      '07700 900 456',
      '07700.900.456',
      '+447700900456',
      '0 7 7 0 0 9 0 0 4 5 6',
      '0.7.7.0.0.9.0.0.4.5.6',
    ]) {
      expect(scrubOnly(`ring ${written} today`, dana)).toEqual({ text: 'ring [phone] today', removed: 1 });
    }
  });

  it('removes the person’s address however it was written', () => {
    const text =
      'mailto:Dana.Whitfield@ACME.test, dana.whitfield%40acme.test, dana.whitfield [at] acme [dot] test';
    expect(scrubOnly(text, dana).text).toBe('mailto:[email], [email], [email]');
  });

  it('matches the name whatever the case and accents', () => {
    expect(scrubOnly('spoke to DÂNA whitfield today', dana).text).toBe('spoke to [name] today');
  });
});

describe('blankEmails', () => {
  it('blanks addresses and keeps every offset', () => {
    const text = 'a dana.whitfield@globex.test b';
    const blanked = blankEmails(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked.trim().split(/\s+/)).toEqual(['a', 'b']);
  });
});
