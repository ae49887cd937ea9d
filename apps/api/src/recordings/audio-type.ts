/** What an uploaded audio file really is, from its first bytes; null when it is not audio we accept. */
export function detectAudio(bytes: Buffer): string | null {
  const at = (offset: number, sig: string) =>
    bytes.subarray(offset, offset + sig.length).toString('latin1') === sig;
  if (bytes.length < 12) return null;
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (at(0, 'OggS')) return 'audio/ogg';
  if (at(0, 'fLaC')) return 'audio/flac';
  if (at(0, 'ID3') || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (at(4, 'ftyp') && (at(8, 'M4A ') || at(8, 'mp42') || at(8, 'isom'))) return 'audio/mp4';
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return 'audio/webm';
  return null;
}

/** The largest call audio accepted: larger than the JSON limit, so it is streamed, never buffered. */
export const AUDIO_LIMIT_BYTES = 100 * 1024 * 1024;

/** How many first bytes `detectAudio` needs: it reads the first 12. */
export const AUDIO_SNIFF_BYTES = 12;

export const ACCEPTED_AUDIO = 'WAV, MP3, OGG, FLAC, M4A or WebM audio';
