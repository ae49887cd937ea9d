import { Joiner, Splitter, type MimeNode, type SplitterChunk } from '@zone-eu/mailsplit';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A part whose body was cut: the name its headers give it (null when none). */
export interface CutPart {
  name: string | null;
}

export interface SlimMail {
  /** The mail with every cut part's body left out; small enough to parse in memory. */
  bytes: Buffer;
  /** Cut parts by the Content-Description each now carries (unforgeable: a fresh nonce per mail). */
  cut: Map<string, CutPart>;
}

/**
 * Streams a mail through a MIME splitter and leaves out the body of every leaf part that decodes
 * to more than `limit` bytes (which the upload checks would refuse anyway), so a 25 MB attachment
 * is never held, decoded or copied in memory. Such a part keeps its headers, with an empty body
 * and a Content-Description marker naming it in `cut`. Everything else passes byte for byte.
 */
export async function slimMail(source: Readable, limit: number): Promise<SlimMail> {
  const nonce = randomUUID();
  const cut = new Map<string, CutPart>();
  const out: Buffer[] = [];
  await pipeline(
    source,
    new Splitter(),
    new PartCutter(limit, (node) => {
      const marker = `hushdesk-cut-${nonce}-${cut.size + 1}`;
      cut.set(marker, { name: node.filename || null });
      return marker;
    }),
    new Joiner(),
    async (joined: AsyncIterable<Buffer>) => {
      for await (const chunk of joined) out.push(chunk);
    },
  );
  return { bytes: Buffer.concat(out), cut };
}

interface Held {
  node: MimeNode;
  counter: DecodedSize;
  body: SplitterChunk[];
  cut: boolean;
}

/**
 * Holds a leaf part's body until it ends (then passes it on) or until it certainly decodes past
 * the limit (then drops what it held and the rest). At most about `limit` * 4/3 bytes are held.
 */
class PartCutter extends Transform {
  private held: Held | null = null;

  constructor(
    private readonly limit: number,
    private readonly mark: (node: MimeNode) => string,
  ) {
    super({ objectMode: true });
  }

  override _transform(chunk: SplitterChunk, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.type === 'node') {
      this.release();
      if (chunk.multipart) this.push(chunk);
      else this.held = { node: chunk, counter: new DecodedSize(chunk.encoding), body: [], cut: false };
    } else if (chunk.type === 'body' && this.held && chunk.node === this.held.node) {
      const held = this.held;
      if (!held.cut) {
        held.counter.add(chunk.value);
        if (held.counter.atLeast() > this.limit) {
          held.cut = true;
          held.body = [];
        } else {
          held.body.push(chunk);
        }
      }
    } else {
      this.release();
      this.push(chunk);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.release();
    done();
  }

  private release(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    if (held.cut && held.node.headers) held.node.headers.update('Content-Description', this.mark(held.node));
    this.push(held.node);
    for (const c of held.body) this.push(c);
  }
}

/**
 * A lower bound of a body's decoded size from its encoded bytes: base64 gives 3 bytes for every
 * 4 characters (line breaks aside), quoted-printable at least 0 for each `=XX`, the rest 1 to 1.
 */
class DecodedSize {
  private bytes = 0;
  private weighed = 0;

  constructor(private readonly encoding: string | false) {}

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.encoding === 'base64') {
      for (const b of chunk) if (b > 0x20) this.weighed++;
    } else if (this.encoding === 'quoted-printable') {
      for (const b of chunk) if (b === 0x3d) this.weighed++;
    }
  }

  atLeast(): number {
    if (this.encoding === 'base64') return Math.floor((this.weighed * 3) / 4) - 2;
    if (this.encoding === 'quoted-printable') return this.bytes - 3 * this.weighed;
    return this.bytes;
  }
}
