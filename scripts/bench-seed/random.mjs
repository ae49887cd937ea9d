// Deterministic randomness for the bench seed: every value of row n of a table is a function of
// (table, n) alone, so any row can be recomputed (a message needs its ticket's requester and date)
// instead of being looked up, and the same scale always gives the same database.

/** murmur3's 32-bit finaliser: a bijection, so distinct inputs give distinct outputs. */
export function mix32(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a of a namespace name: a salt per table, so tables draw independent values. */
export function salt(name) {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const TWO_32 = 4_294_967_296;

/**
 * A splitmix32 generator re-seeded for each row (`row(n)`): cheap enough to seed five million times,
 * and the draws of a row are the same whichever order rows are generated in.
 */
export class RowRandom {
  constructor(namespace) {
    this.salt = salt(namespace);
    this.state = 0;
  }

  row(n) {
    this.state = mix32(mix32(n >>> 0) ^ this.salt);
    return this;
  }

  next() {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** An integer in [0, n). */
  int(n) {
    return Math.floor((this.next() / TWO_32) * n);
  }

  pick(xs) {
    return xs[this.int(xs.length)];
  }
}

// Two hex digits per byte from a table: eight times faster than toString(16), and ids are the
// commonest value in the load.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (x) => HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];

/**
 * Version-4-shaped uuids, random-looking (so indexes see the spread the app's gen_random_uuid()
 * gives) yet derived from (namespace, n): the first 32 bits are a bijection of n, so ids never
 * repeat within a namespace.
 */
export function uuidMaker(namespace) {
  const s = salt(namespace);
  return (n) => {
    const a = mix32((n ^ s) >>> 0);
    const b = mix32(a ^ s ^ 0x68e31da4);
    const c = mix32(b ^ 0xb5297a4d);
    const d = mix32(c ^ 0x1b56c4e9);
    const bh = hex8(b);
    const ch = hex8(c);
    return `${hex8(a)}-${bh.slice(0, 4)}-4${bh.slice(5)}-${'89ab'[c & 3]}${ch.slice(1, 4)}-${ch.slice(4)}${hex8(d)}`;
  };
}
