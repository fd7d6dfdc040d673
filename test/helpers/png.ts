/** Images for fixtures and benchmarks, made in code so that no binary file is committed. */
import { crc32, deflateSync } from 'node:zlib';
import { random } from '../../bench/synthetic';

/** A small PNG that looks like a portal screenshot: white, a dark top bar, a blade menu and grey boxes. */
export function screenshotPng(width: number, height: number, seed: number): Buffer {
  const rand = random(seed);
  const boxes = Array.from({ length: 6 }, () => ({
    x: 180 + Math.floor(rand() * (width - 360)), y: 60 + Math.floor(rand() * (height - 120)),
    w: 60 + Math.floor(rand() * 160), h: 14 + Math.floor(rand() * 30),
  }));
  const raw = Buffer.alloc((width * 3 + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      let c = 255;
      if (y < 40) c = 0x20;
      else if (x < 160) c = 0xf3;
      else if (boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h)) c = 0xd6;
      const i = row + 1 + x * 3;
      raw[i] = c; raw[i + 1] = c; raw[i + 2] = y < 40 ? 0x40 : c;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
