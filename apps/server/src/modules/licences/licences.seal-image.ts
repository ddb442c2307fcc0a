/**
 * The picture of an electronic seal (印章图像): a red round seal with the department's name along
 * the rim, a five-pointed star in the middle and the seal's kind (e.g. 行政审批专用章) below it, the
 * way official round seals look. One geometry, drawn as SVG (the registry's image) and by pdfkit
 * (the licence PDF), so both show the same seal.
 */

export const SEAL_RED = '#d61f26';

export interface SealGlyph {
  char: string;
  /** Centre of the character, relative to the seal's centre, in units of the radius. */
  x: number;
  y: number;
  /** Rotation in degrees (clockwise), so each rim character stands on the rim. */
  rotate: number;
  /** Font size in units of the radius. */
  size: number;
}

export interface SealGeometry {
  rim: SealGlyph[];
  /** The star's outline, relative to the centre, in units of the radius. */
  star: [number, number][];
  label: SealGlyph[];
}

/** Where each character and the star go on a seal of radius 1. */
export function sealGeometry(rimText: string, label: string): SealGeometry {
  const chars = [...rimText];
  // The rim text spans up to 250°, centred on the top.
  const span = Math.min(250, 22 * chars.length);
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const size = chars.length > 14 ? 0.16 : 0.19;
  const rim = chars.map((char, index) => {
    const angle = -span / 2 + index * step;
    const radians = (angle * Math.PI) / 180;
    return { char, x: 0.72 * Math.sin(radians), y: -0.72 * Math.cos(radians), rotate: angle, size };
  });
  const star: [number, number][] = [];
  for (let point = 0; point < 10; point += 1) {
    const radius = point % 2 === 0 ? 0.3 : 0.12;
    const radians = (point * 36 * Math.PI) / 180;
    star.push([radius * Math.sin(radians), -radius * Math.cos(radians)]);
  }
  const labelChars = [...label];
  const labelSize = labelChars.length > 7 ? 0.11 : 0.14;
  const labelStep = labelSize * 1.05;
  const labelGlyphs = labelChars.map((char, index) => ({
    char,
    x: (index - (labelChars.length - 1) / 2) * labelStep,
    y: 0.5,
    rotate: 0,
    size: labelSize,
  }));
  return { rim, star, label: labelGlyphs };
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The seal as an SVG image, `size` pixels across. */
export function sealSvg(rimText: string, label: string, size = 240): string {
  const r = size / 2;
  const geometry = sealGeometry(rimText, label);
  const glyph = (g: SealGlyph) =>
    `<text x="${(r + g.x * r).toFixed(1)}" y="${(r + g.y * r).toFixed(1)}" font-size="${(g.size * r).toFixed(1)}" ` +
    `transform="rotate(${g.rotate.toFixed(1)} ${(r + g.x * r).toFixed(1)} ${(r + g.y * r).toFixed(1)})" ` +
    `text-anchor="middle" dominant-baseline="central">${escapeXml(g.char)}</text>`;
  const star = geometry.star.map(([x, y]) => `${(r + x * r).toFixed(1)},${(r + y * r).toFixed(1)}`).join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<g fill="${SEAL_RED}" font-family="SimSun, 'Noto Serif SC', serif" font-weight="bold">`,
    `<circle cx="${r}" cy="${r}" r="${(r * 0.95).toFixed(1)}" fill="none" stroke="${SEAL_RED}" stroke-width="${(r * 0.06).toFixed(1)}"/>`,
    `<polygon points="${star}"/>`,
    ...geometry.rim.map(glyph),
    ...geometry.label.map(glyph),
    '</g></svg>',
  ].join('');
}
