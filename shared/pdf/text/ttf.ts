/**
 * Just enough of the TrueType format to embed a font in a PDF: read the tables, and write a
 * subset that keeps only the outlines of the glyphs drawn. Glyph ids stay the same (the other
 * glyphs become empty), so what the shaping engine returns can be written to the PDF as it is.
 * The layout tables (GSUB, GPOS, GDEF) are left out: shaping has already been done.
 */

export interface TrueTypeFont {
  bytes: Uint8Array;
  tables: Map<string, { offset: number; length: number }>;
  numGlyphs: number;
  unitsPerEm: number;
  /** Where each glyph's outline starts in `glyf` (numGlyphs + 1 entries). */
  loca: Uint32Array;
  /** The font's box and vertical metrics, in font units, for the PDF's font descriptor. */
  bbox: [number, number, number, number];
  ascender: number;
  descender: number;
  capHeight: number;
  postScriptName: string;
}

/** Tables a PDF renderer may use; everything else is dropped from a subset. */
const KEPT = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'gasp', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'prep'];

export function readTrueType(bytes: Uint8Array): TrueTypeFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error('The font is not a TrueType font.');
  const tables = new Map<string, { offset: number; length: number }>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const table = (tag: string): { offset: number; length: number } => {
    const t = tables.get(tag);
    if (!t) throw new Error(`The font has no ${tag} table.`);
    return t;
  };
  const head = table('head').offset;
  const unitsPerEm = view.getUint16(head + 18);
  const bbox: [number, number, number, number] = [
    view.getInt16(head + 36),
    view.getInt16(head + 38),
    view.getInt16(head + 40),
    view.getInt16(head + 42),
  ];
  const longLoca = view.getInt16(head + 50) === 1;
  const numGlyphs = view.getUint16(table('maxp').offset + 4);
  const locaAt = table('loca').offset;
  const loca = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) loca[i] = longLoca ? view.getUint32(locaAt + i * 4) : view.getUint16(locaAt + i * 2) * 2;
  const hhea = table('hhea').offset;
  const os2 = tables.get('OS/2');
  const capHeight = os2 && os2.length >= 90 ? view.getInt16(os2.offset + 88) : view.getInt16(hhea + 4);
  return {
    bytes,
    tables,
    numGlyphs,
    unitsPerEm,
    loca,
    bbox,
    ascender: view.getInt16(hhea + 4),
    descender: view.getInt16(hhea + 6),
    capHeight,
    postScriptName: readPostScriptName(bytes, view, tables.get('name')) ?? 'NotoFont',
  };
}

function readPostScriptName(bytes: Uint8Array, view: DataView, name: { offset: number } | undefined): string | null {
  if (!name) return null;
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  for (let i = 0; i < count; i++) {
    const at = name.offset + 6 + i * 12;
    if (view.getUint16(at + 6) !== 6) continue; // nameID 6: the PostScript name
    const platform = view.getUint16(at);
    const length = view.getUint16(at + 8);
    const start = strings + view.getUint16(at + 10);
    let out = '';
    if (platform === 3 || platform === 0) for (let k = 0; k < length; k += 2) out += String.fromCharCode(view.getUint16(start + k));
    else for (let k = 0; k < length; k++) out += String.fromCharCode(bytes[start + k]!);
    const clean = out.replace(/[^A-Za-z0-9-]/g, '');
    if (clean) return clean;
  }
  return null;
}

/** The glyphs a composite glyph is made of. */
function componentsOf(font: TrueTypeFont, gid: number): number[] {
  const glyf = font.tables.get('glyf');
  const start = font.loca[gid] ?? 0;
  const end = font.loca[gid + 1] ?? 0;
  if (!glyf || end <= start) return [];
  const view = new DataView(font.bytes.buffer, font.bytes.byteOffset + glyf.offset + start, end - start);
  if (view.getInt16(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    out.push(view.getUint16(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) return out;
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;

function checksum(bytes: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < pad4(length); i += 4) sum = (sum + view.getUint32(offset + i)) >>> 0;
  return sum;
}

/** A font with the outlines of `glyphs` (and of the glyphs they are built from) only. */
export function subsetTrueType(font: TrueTypeFont, glyphs: Iterable<number>): Uint8Array {
  const keep = new Set<number>([0]);
  const queue = [...glyphs];
  while (queue.length) {
    const gid = queue.pop()!;
    if (gid >= font.numGlyphs || keep.has(gid)) continue;
    keep.add(gid);
    queue.push(...componentsOf(font, gid));
  }
  for (const gid of [...keep]) for (const c of componentsOf(font, gid)) keep.add(c);

  // glyf and a long loca: kept glyphs copied, the rest empty.
  const glyfIn = font.tables.get('glyf')!;
  let glyfSize = 0;
  for (const gid of keep) glyfSize += pad4((font.loca[gid + 1] ?? 0) - (font.loca[gid] ?? 0));
  const glyf = new Uint8Array(glyfSize);
  const loca = new Uint8Array((font.numGlyphs + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    locaView.setUint32(gid * 4, at);
    if (!keep.has(gid)) continue;
    const start = font.loca[gid] ?? 0;
    const length = (font.loca[gid + 1] ?? 0) - start;
    if (length > 0) glyf.set(font.bytes.subarray(glyfIn.offset + start, glyfIn.offset + start + length), at);
    at += pad4(length);
  }
  locaView.setUint32(font.numGlyphs * 4, at);

  const out = new Map<string, Uint8Array>();
  for (const tag of KEPT) {
    const t = font.tables.get(tag);
    if (t) out.set(tag, font.bytes.slice(t.offset, t.offset + t.length));
  }
  out.set('glyf', glyf);
  out.set('loca', loca);
  // post, version 3: no glyph names.
  const post = font.tables.get('post');
  out.set('post', post ? font.bytes.slice(post.offset, post.offset + 32) : new Uint8Array(32));
  new DataView(out.get('post')!.buffer).setUint32(0, 0x00030000);
  const head = out.get('head')!;
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // long loca

  const tags = [...out.keys()].sort();
  const headerSize = 12 + tags.length * 16;
  const total = headerSize + tags.reduce((n, tag) => n + pad4(out.get(tag)!.length), 0);
  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  let power = 1;
  while (power * 2 <= tags.length) power *= 2;
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tags.length * 16 - power * 16);
  let offset = headerSize;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = out.get(tag)!;
    file.set(data, offset);
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) file[rec + k] = tag.charCodeAt(k);
    view.setUint32(rec + 4, checksum(file, offset, data.length));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, data.length);
    if (tag === 'head') headOffset = offset;
    offset += pad4(data.length);
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(file, 0, total)) >>> 0);
  return file;
}
