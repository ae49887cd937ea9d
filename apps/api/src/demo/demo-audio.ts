/**
 * A small, valid WAV for the demo's call recordings (8 kHz, 8-bit mono PCM: about 80 KB for ten
 * seconds): two UK ringback cycles (400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off), then a
 * murmur of harmonics with a syllable-rate envelope standing in for a voice. Generated, so no audio
 * file ships in the repository and nobody's real voice is in the demo.
 */
export function demoCallAudio(seconds = 10, pitch = 140): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * seconds);
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    let v = 0;
    if (t < 6) {
      const inCycle = t % 3;
      const ringing = inCycle < 0.4 || (inCycle >= 0.6 && inCycle < 1.0);
      if (ringing) v = 0.3 * (Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t));
    } else {
      const f0 = pitch + 25 * Math.sin(2 * Math.PI * 0.7 * t);
      const envelope = Math.max(0, Math.sin(2 * Math.PI * 3.5 * t)) ** 2;
      for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / (h * 1.6);
      v *= 0.45 * envelope;
    }
    samples[i] = Math.max(0, Math.min(255, Math.round(128 + 100 * v)));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}
