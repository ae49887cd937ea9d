import { inflateSync } from 'fflate';
import { BlobStore, readAll } from '../../blobs/blob-store';

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

const unreadable = () => new Error('a stored DSAR package is not a readable ZIP');

/**
 * One file out of a stored package, found through the ZIP's central directory with ranged reads,
 * so the requester's data.json comes without reading the package's audio. Null when it has none.
 */
export async function readPackageEntry(
  blobs: BlobStore,
  pkg: { blobKey: string; size: number },
  name: string,
): Promise<Buffer | null> {
  const range = async (start: number, length: number) =>
    length > 0 ? readAll(await blobs.read(pkg.blobKey, { start, end: start + length - 1 })) : Buffer.alloc(0);
  // The end record is the last 22 bytes, after an archive comment of up to 64 KiB if there is one.
  const tailStart = Math.max(0, pkg.size - 22 - 0xffff);
  const tail = await range(tailStart, pkg.size - tailStart);
  const end = tail.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0 || end + 22 > tail.length) throw unreadable();
  const count = tail.readUInt16LE(end + 10);
  const directory = await range(tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12));
  for (let at = 0, i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw unreadable();
    const method = directory.readUInt16LE(at + 10);
    const compressedSize = directory.readUInt32LE(at + 20);
    const nameLength = directory.readUInt16LE(at + 28);
    const local = directory.readUInt32LE(at + 42);
    const entryName = directory.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (entryName !== name) continue;
    const header = await range(local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw unreadable();
    const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const data = await range(start, compressedSize);
    if (method === 0) return data;
    if (method === 8) return Buffer.from(inflateSync(data));
    throw unreadable();
  }
  return null;
}
