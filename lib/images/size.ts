/** Intrinsic size of an image from the first bytes of its file (PNG, GIF, JPEG, WebP, SVG). */
export interface ImageSize {
  width: number;
  height: number;
}

/** Reads width and height from an image file's header; undefined for formats or files it cannot read. */
export function imageSize(bytes: Buffer): ImageSize | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('ascii', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 10 && bytes.toString('ascii', 0, 4) === 'GIF8') {
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  if (bytes.length >= 30 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return webpSize(bytes);
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 4096));
  if (/<svg[\s>]/i.test(head)) return svgSize(head);
  return undefined;
}

function jpegSize(bytes: Buffer): ImageSize | undefined {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Buffer): ImageSize | undefined {
  const chunk = bytes.toString('ascii', 12, 16);
  if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const b = bytes.readUInt32LE(21);
    return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  return undefined;
}

function svgSize(head: string): ImageSize | undefined {
  const tag = /<svg\b[^>]*>/i.exec(head)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([\\d.]+)(?:px)?["']`, 'i').exec(tag)?.[1];
  const w = attr('width');
  const h = attr('height');
  if (w && h) return { width: Math.round(Number(w)), height: Math.round(Number(h)) };
  const box = /\sviewBox\s*=\s*["'][\d.\s-]*?([\d.]+)[\s,]+([\d.]+)["']/i.exec(tag);
  return box ? { width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) } : undefined;
}

/**
 * The width and height attributes an `<img>` should carry so the page does not jump while it loads:
 * the intrinsic size, or the author's width with the height scaled to match.
 */
export function sizeAttributes(size: ImageSize, width?: string, height?: string): { width: string; height: string } | undefined {
  if (width !== undefined && height !== undefined) return undefined;
  const w = width !== undefined ? Number.parseFloat(width) : undefined;
  const h = height !== undefined ? Number.parseFloat(height) : undefined;
  if (w !== undefined && Number.isFinite(w) && !/%$/.test(width!)) return { width: width!, height: String(Math.round((w * size.height) / size.width)) };
  if (h !== undefined && Number.isFinite(h) && !/%$/.test(height!)) return { width: String(Math.round((h * size.width) / size.height)), height: height! };
  if (width !== undefined || height !== undefined) return undefined;
  return { width: String(size.width), height: String(size.height) };
}
