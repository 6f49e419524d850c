/**
 * Audio length read from the file itself, so the bank can be checked (and the player can show 00:03
 * before the clip loads) on a machine without sox or ffmpeg.
 */

// Bitrates in kbit/s by MPEG version and layer; index 0 is "free format" and 15 is invalid.
const MPEG1_BITRATES: Record<number, readonly number[]> = {
  1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
};
const MPEG2_BITRATES: Record<number, readonly number[]> = {
  1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

/** Length in seconds of an MP3 or Ogg (Vorbis or Opus) file, or null when the bytes are neither. */
export function measureAudioDuration(bytes: Uint8Array): number | null {
  if (startsWith(bytes, 0, "OggS")) return measureOggDuration(bytes);
  return measureMp3Duration(bytes);
}

interface MpegFrame {
  length: number;
  samples: number;
  sampleRate: number;
}

function readMpegFrame(bytes: Uint8Array, at: number): MpegFrame | null {
  const b0 = bytes[at];
  const b1 = bytes[at + 1];
  const b2 = bytes[at + 2];
  if (b0 === undefined || b1 === undefined || b2 === undefined) return null;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layerBits = (b1 >> 1) & 3; // 3 = layer I, 2 = layer II, 1 = layer III
  if (version === 1 || layerBits === 0) return null;
  const layer = 4 - layerBits;
  const kbps = (version === 3 ? MPEG1_BITRATES : MPEG2_BITRATES)[layer]?.[b2 >> 4];
  const sampleRate = SAMPLE_RATES[version]?.[(b2 >> 2) & 3];
  if (!kbps || !sampleRate) return null;
  const padding = (b2 >> 1) & 1;
  const bitrate = kbps * 1000;
  if (layer === 1) return { length: (Math.floor((12 * bitrate) / sampleRate) + padding) * 4, samples: 384, sampleRate };
  const lowSampleRateLayer3 = layer === 3 && version !== 3;
  const samples = lowSampleRateLayer3 ? 576 : 1152;
  const length = Math.floor(((lowSampleRateLayer3 ? 72 : 144) * bitrate) / sampleRate) + padding;
  return { length, samples, sampleRate };
}

function measureMp3Duration(bytes: Uint8Array): number | null {
  let at = 0;
  if (startsWith(bytes, 0, "ID3") && bytes.length >= 10) {
    // ID3v2 size is "syncsafe": 7 bits per byte.
    const size = ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
    const hasFooter = ((bytes[5] ?? 0) & 0x10) !== 0;
    at = 10 + size + (hasFooter ? 10 : 0);
  }
  let seconds = 0;
  let frames = 0;
  while (at < bytes.length) {
    const frame = readMpegFrame(bytes, at);
    if (!frame || frame.length <= 4) break;
    // An encoder's Xing/Info/VBRI frame describes the stream and decodes to silence; it is not audio.
    const isInfoFrame = frames === 0 && containsTag(bytes, at, at + Math.min(frame.length, 64), ["Xing", "Info", "VBRI"]);
    if (!isInfoFrame) seconds += frame.samples / frame.sampleRate;
    frames += 1;
    at += frame.length;
  }
  return frames > 0 && seconds > 0 ? seconds : null;
}

function measureOggDuration(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let serial: number | null = null;
  let sampleRate = 0;
  let preSkip = 0;
  let lastGranule = -1n;
  while (at + 27 <= bytes.length && startsWith(bytes, at, "OggS")) {
    const segments = bytes[at + 26] ?? 0;
    let bodyLength = 0;
    for (let i = 0; i < segments; i += 1) bodyLength += bytes[at + 27 + i] ?? 0;
    const body = at + 27 + segments;
    const pageSerial = view.getUint32(at + 14, true);
    if (serial === null) {
      serial = pageSerial;
      if (startsWith(bytes, body, "\u0001vorbis") && body + 16 <= bytes.length) {
        sampleRate = view.getUint32(body + 12, true);
      } else if (startsWith(bytes, body, "OpusHead") && body + 12 <= bytes.length) {
        // Opus granule positions always count 48 kHz samples, whatever rate the source had.
        sampleRate = 48000;
        preSkip = view.getUint16(body + 10, true);
      } else {
        return null;
      }
    }
    if (pageSerial === serial && body + bodyLength <= bytes.length) {
      const granule = view.getBigInt64(at + 6, true);
      if (granule > lastGranule) lastGranule = granule;
    }
    at = body + bodyLength;
  }
  if (sampleRate === 0 || lastGranule <= 0n) return null;
  return Math.max(0, Number(lastGranule) - preSkip) / sampleRate;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i += 1) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function containsTag(bytes: Uint8Array, from: number, to: number, tags: readonly string[]): boolean {
  for (let at = from; at < to; at += 1) if (tags.some((tag) => startsWith(bytes, at, tag))) return true;
  return false;
}
