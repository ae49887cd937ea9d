import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH, linkHash, nextLink, verifyChain, type ChainLink } from './hash-chain';

describe('canonicalJson', () => {
  it('sorts keys at every level and has no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x y' } })).toBe(
      '{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('writes Dates as ISO strings and follows JSON for the rest', () => {
    const at = new Date('2024-03-12T14:30:00.000Z');
    expect(canonicalJson({ at, n: null, u: undefined, list: [undefined, NaN, true], s: 'é"\n' })).toBe(
      '{"at":"2024-03-12T14:30:00.000Z","list":[null,null,true],"n":null,"s":"é\\"\\n"}',
    );
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson([])).toBe('[]');
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(TypeError);
    expect(() => canonicalJson(new Map())).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});

describe('linkHash', () => {
  it('is sha256 hex of prevHash, a newline and the canonical payload', () => {
    const payload = { b: 2, a: 1 };
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n{"a":1,"b":2}`).digest('hex');
    expect(linkHash(GENESIS_HASH, payload)).toBe(expected);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  for (let i = 0; i < n; i++) {
    links.push(
      nextLink(links[i - 1] ?? null, {
        action: 'ticket.viewed',
        actor: `u${i}`,
        at: new Date(Date.UTC(2024, 0, i + 1)),
      }),
    );
  }
  return links;
}

describe('verifyChain', () => {
  it('accepts an intact chain, an empty one, and a range starting mid-chain', () => {
    const links = chain(5);
    expect(verifyChain(links)).toEqual({ ok: true, checked: 5, firstBroken: null });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, firstBroken: null });
    expect(verifyChain(links.slice(2), links[1].hash)).toEqual({ ok: true, checked: 3, firstBroken: null });
    expect(verifyChain(links.slice(2)).firstBroken).toEqual({ seq: 3, reason: 'prev_mismatch' });
  });

  it('detects a modified payload', () => {
    const links = chain(5);
    links[2] = { ...links[2], payload: { ...links[2].payload, actor: 'someone-else' } };
    expect(verifyChain(links)).toEqual({
      ok: false,
      checked: 2,
      firstBroken: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  it('detects a payload and hash rewritten together, at the next link', () => {
    const links = chain(5);
    const payload = { ...links[2].payload, actor: 'someone-else' };
    links[2] = { ...links[2], payload, hash: linkHash(links[2].prevHash, payload) };
    expect(verifyChain(links).firstBroken).toEqual({ seq: 4, reason: 'prev_mismatch' });
  });

  it('detects a deleted link', () => {
    const links = chain(5);
    links.splice(3, 1);
    expect(verifyChain(links)).toEqual({
      ok: false,
      checked: 3,
      firstBroken: { seq: 5, reason: 'prev_mismatch' },
    });
  });

  it('detects reordered links', () => {
    const links = chain(5);
    [links[1], links[2]] = [links[2], links[1]];
    expect(verifyChain(links)).toEqual({
      ok: false,
      checked: 1,
      firstBroken: { seq: 3, reason: 'prev_mismatch' },
    });
  });

  it('detects a changed hash and reads any iterable', () => {
    const links = chain(3);
    links[0] = { ...links[0], hash: 'f'.repeat(64) };
    function* gen() {
      yield* links;
    }
    expect(verifyChain(gen())).toEqual({
      ok: false,
      checked: 0,
      firstBroken: { seq: 1, reason: 'hash_mismatch' },
    });
  });

  it('does not depend on the order keys were written in', () => {
    const links = chain(2);
    const p = links[1].payload;
    links[1] = { ...links[1], payload: Object.fromEntries(Object.entries(p).reverse()) };
    expect(verifyChain(links).ok).toBe(true);
  });
});
