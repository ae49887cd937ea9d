/**
 * Distinctive personal data to plant through the API, and a search for any of it in captured text.
 * Every value is unique and unlikely to occur by chance, so a hit in a log means the app logged what
 * a caller sent, not a coincidence.
 */

export type PlantedKind = 'email' | 'phone' | 'name' | 'address' | 'iban' | 'password';

export interface Planted {
  kind: PlantedKind;
  /** The value as sent. */
  value: string;
  /** Every form the value may take in a log: case, E.164, digits only, URL-encoded. */
  forms: string[];
}

export interface PlantedHit {
  planted: Planted;
  form: string;
  line: string;
}

// Letters only, so a name's suffix never looks like a phone number or an id.
const letters = (n: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};

export class PlantedData {
  readonly all: Planted[] = [];
  private n = 0;

  private add(kind: PlantedKind, value: string, forms: string[]): string {
    const unique = [
      ...new Set([value, ...forms].flatMap((f) => [f, f.toLowerCase(), encodeURIComponent(f)])),
    ];
    this.all.push({ kind, value, forms: unique });
    return value;
  }

  email(): string {
    const n = this.n++;
    return this.add('email', `plant.${n}.x7q@example.test`, [`plant.${n}.x7q`]);
  }

  /** A UK mobile in Ofcom's drama range, 07700 900000-900999 widened to 9xxxxx; unique per call. */
  phone(): string {
    const n = this.n++;
    const subscriber = String(900000 + ((n * 7919) % 100000)).padStart(6, '0');
    const nsn = `7700${subscriber}`;
    // The national significant number is in every format: +44…, 0…, digits only, spaced.
    return this.add('phone', `+44 7700 ${subscriber}`, [
      nsn,
      `+44${nsn}`,
      `0${nsn}`,
      `7700 ${subscriber}`,
      `07700 ${subscriber}`,
    ]);
  }

  name(): string {
    const n = this.n++;
    const surname = `Quistgardo${letters(n)}`;
    return this.add('name', `Ottoline ${surname}`, [surname]);
  }

  address(): string {
    const n = this.n++;
    const street = `Vexbridge${letters(n)} Mews`;
    return this.add('address', `${17 + n} ${street}, Quorbury QB7 9XZ`, [street]);
  }

  iban(): string {
    const n = this.n++;
    const digits = String(10_000_000_000_000 + n * 7_777_777).slice(0, 14);
    const compact = `GB29PLNT${digits}`;
    const spaced = compact.replace(/(.{4})/g, '$1 ').trim();
    return this.add('iban', spaced, [compact]);
  }

  /** Passwords are not personal data in the GDPR sense, but they must never be logged either. */
  password(): string {
    const n = this.n++;
    return this.add('password', `Plum-tart-wombat-${letters(n)}-ledger`, []);
  }

  /** One value of each personal kind, in turn, for filling string fields. */
  next(i: number): string {
    const kinds = [
      () => this.email(),
      () => this.phone(),
      () => this.name(),
      () => this.address(),
      () => this.iban(),
    ];
    return kinds[i % kinds.length]();
  }

  /**
   * Every planted form found in the lines. Phone numbers are also searched in each line with its
   * separators removed, so `+44 (0)7700-900…` cannot slip through in an unexpected layout.
   */
  findIn(lines: readonly string[]): PlantedHit[] {
    const hits: PlantedHit[] = [];
    for (const line of lines) {
      const lower = line.toLowerCase();
      const compact = lower.replace(/[\s().\-\\"]/g, '');
      for (const planted of this.all) {
        const form = planted.forms.find(
          (f) =>
            lower.includes(f.toLowerCase()) ||
            (planted.kind === 'phone' && compact.includes(f.replace(/\D/g, ''))),
        );
        if (form) hits.push({ planted, form, line: line.slice(0, 400) });
      }
    }
    return hits;
  }
}
