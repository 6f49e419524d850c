import { describe, expect, it } from "vitest";
import { measureAudioDuration } from "./audio-duration.ts";

/** An MPEG-2 layer III frame: 32 kbit/s, 22 050 Hz, mono, no padding = 104 bytes holding 576 samples. */
function mp3Frame(fill = 0): Uint8Array {
  const frame = new Uint8Array(104).fill(fill);
  frame.set([0xff, 0xf3, 0x40, 0xc4]);
  return frame;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function oggPage(granule: bigint, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(27 + 1);
  header.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
  new DataView(header.buffer).setBigInt64(6, granule, true);
  header[26] = 1; // one segment
  header[27] = body.length;
  return concat(header, body);
}

describe("measureAudioDuration", () => {
  it("adds up MP3 frames: 100 frames × 576 samples ÷ 22 050 Hz = 2.612 s", () => {
    const frames = Array.from({ length: 100 }, () => mp3Frame());
    expect(measureAudioDuration(concat(...frames))).toBeCloseTo((100 * 576) / 22050, 6);
  });

  it("skips an ID3v2 tag and an encoder's Info frame", () => {
    const id3 = new Uint8Array(10 + 20);
    id3.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20]); // "ID3", v2.4, size 20 (syncsafe)
    const info = mp3Frame();
    info.set([0x49, 0x6e, 0x66, 0x6f], 17); // "Info" after the side information
    const frames = Array.from({ length: 10 }, () => mp3Frame());
    expect(measureAudioDuration(concat(id3, info, ...frames))).toBeCloseTo((10 * 576) / 22050, 6);
  });

  it("reads an Ogg Vorbis stream's length from its last granule position: 66 150 ÷ 22 050 Hz = 3 s", () => {
    const identification = new Uint8Array(30);
    identification.set([1, 0x76, 0x6f, 0x72, 0x62, 0x69, 0x73]); // "\x01vorbis"
    new DataView(identification.buffer).setUint32(12, 22050, true);
    const bytes = concat(oggPage(0n, identification), oggPage(30000n, new Uint8Array(10)), oggPage(66150n, new Uint8Array(10)));
    expect(measureAudioDuration(bytes)).toBeCloseTo(3, 6);
  });

  it("returns null for bytes that are not audio", () => {
    expect(measureAudioDuration(new TextEncoder().encode("<html>404</html>"))).toBeNull();
    expect(measureAudioDuration(new Uint8Array(0))).toBeNull();
  });
});
