import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Font, create as parseFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LicenceDocument, LicenceTemplate, LicenceType } from './licences.model.js';
import { SEAL_RED, sealGeometry } from './licences.seal-image.js';

/**
 * The licence as a PDF (电子证照版式文件): the type's appearance template, the data fields, the issuing
 * department's red seal over its name, a QR code leading to the public verification page, the CJK
 * font from the @embedpdf/fonts-sc package, and the signed licence data embedded as an attachment
 * (licence.json) so the file itself can be verified offline.
 */

export interface LicencePdfInput {
  document: LicenceDocument;
  type: Pick<LicenceType, 'fields'> & { template: LicenceTemplate };
  seal: { name: string; kind: string };
  /** The public verification page of this licence, what the QR code carries. */
  verifyUrl: string;
  /** 有效 / 吊销 …: printed when the licence is not valid. */
  statusLabel?: string;
}

// Fonts: read and parsed once per process; each document embeds only its subset.
const FONT_PACKAGE = '@embedpdf/fonts-sc';
let fonts: Promise<{ regular: Font; bold: Font }> | undefined;

function loadFonts() {
  fonts ??= (async () => {
    const directory = join(dirname(createRequire(import.meta.url).resolve(FONT_PACKAGE)), '..', 'fonts');
    const read = async (file: string): Promise<Font> => {
      const parsed = parseFont(await readFile(join(directory, file)));
      if ('fonts' in parsed) throw new Error(`${FONT_PACKAGE}/${file} is a font collection`);
      return parsed;
    };
    const [regular, bold] = await Promise.all([
      read('NotoSansHans-Regular.otf'),
      read('NotoSansHans-Bold.otf'),
    ]);
    return { regular, bold };
  })().catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return fonts;
}

const MM = 72 / 25.4;
const INK = '#1a1a1a';
const GREY = '#555555';

export async function renderLicencePdf(input: LicencePdfInput): Promise<Uint8Array> {
  const { regular, bold } = await loadFonts();
  const { licence } = input.document;
  const template = input.type.template;
  const landscape = template.orientation === 'landscape';
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${template.title}（${licence.holder.name}）`,
      Author: licence.issuer.name,
      Subject: licence.identifier,
      Keywords: `电子证照 ${licence.typeCode} ${licence.identifier}`,
      Creator: 'Yiwang',
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  // pdfkit 0.20 takes a parsed fontkit Font; @types/pdfkit (0.17) does not know it yet.
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);

  const width = doc.page.width;
  const height = doc.page.height;
  const color = template.color;

  // Frame: a double rule in the template's colour.
  doc
    .lineWidth(3)
    .strokeColor(color)
    .rect(12 * MM, 12 * MM, width - 24 * MM, height - 24 * MM)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(15 * MM, 15 * MM, width - 30 * MM, height - 30 * MM)
    .stroke();

  const left = 28 * MM;
  const contentWidth = width - 56 * MM;
  let y = 26 * MM;
  doc
    .font('bold')
    .fontSize(28)
    .fillColor(color)
    .text(template.title, left, y, { width: contentWidth, align: 'center' });
  y = doc.y + 4;
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text(`证照标识：${licence.identifier}`, left, y, { width: contentWidth, align: 'center' });
  if (licence.licenceNumber)
    doc.text(`证照编号：${licence.licenceNumber}`, { width: contentWidth, align: 'center' });
  y = doc.y + 8 * MM;

  const labelWidth = 32 * MM;
  const valueWidth = contentWidth - labelWidth - 40 * MM;
  const row = (label: string, value: string) => {
    doc.font('bold').fontSize(11).fillColor(INK).text(label, left, y, { width: labelWidth });
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(INK)
      .text(value || '—', left + labelWidth, y, { width: valueWidth });
    y = Math.max(doc.y, y + 16) + 5;
  };
  row(licence.holder.kind === 'person' ? '姓名' : '名称', licence.holder.name);
  row(licence.holder.kind === 'person' ? '公民身份号码' : '统一社会信用代码', licence.holder.identifier);
  for (const field of input.type.fields) {
    const value = licence.data[field.key];
    if (value === undefined) continue;
    row(field.label, String(value));
  }
  row('有效期限', `${licence.validFrom} 至 ${licence.validUntil ?? '长期'}`);
  if (template.footnote) {
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(template.footnote, left, y + 2, { width: valueWidth + labelWidth });
  }

  // Issuer and date, bottom right, with the seal over them.
  const sealRadius = 21 * MM;
  const issuerX = width - 28 * MM - 70 * MM;
  const issuerY = height - 50 * MM;
  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(`发证机关：${licence.issuer.name}`, issuerX, issuerY, { width: 70 * MM, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text(`发证日期：${licence.issuedOn}`, issuerX, doc.y + 4, { width: 70 * MM, align: 'center' });
  drawSeal(doc, issuerX + 35 * MM, issuerY + 6 * MM, sealRadius, input.seal);

  // QR code to the verification page, bottom left.
  const qrSize = 30 * MM;
  const qrX = 26 * MM;
  const qrY = height - 26 * MM - qrSize;
  drawQr(doc, input.verifyUrl, qrX, qrY, qrSize);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(GREY)
    .text('扫码核验证照真伪', qrX, qrY + qrSize + 2, { width: qrSize, align: 'center' });

  if (input.statusLabel) {
    doc
      .save()
      .rotate(-20, { origin: [width / 2, height / 2] })
      .font('bold')
      .fontSize(64)
      .fillColor('#c00000')
      .fillOpacity(0.35)
      .text(input.statusLabel, 0, height / 2 - 40, { width, align: 'center' })
      .restore();
  }

  doc
    .font('regular')
    .fontSize(7)
    .fillColor(GREY)
    .fillOpacity(1)
    .text(
      `本证照经 SM2/SM3 电子签章（印章编码 ${licence.sealCode}），签名数据见附件 licence.json；可在证照核验页面或通过 POST /api/v1/licences/verify 验证。`,
      left,
      height - 19 * MM,
      { width: contentWidth, align: 'center' },
    );

  doc.file(Buffer.from(JSON.stringify(input.document, null, 2), 'utf8'), {
    name: 'licence.json',
    type: 'application/json',
    description: '签名的电子证照数据（SM2-SM3）',
  });
  doc.end();
  return finished;
}

/** The red round seal (see licences.seal-image.ts), semi-opaque as ink over the printed name. */
function drawSeal(
  doc: PDFKit.PDFDocument,
  cx: number,
  cy: number,
  r: number,
  seal: { name: string; kind: string },
) {
  const geometry = sealGeometry(seal.name, seal.kind);
  doc.save().fillOpacity(0.85).strokeOpacity(0.85);
  doc
    .lineWidth(r * 0.06)
    .strokeColor(SEAL_RED)
    .circle(cx, cy, r * 0.95)
    .stroke();
  const [first, ...rest] = geometry.star;
  if (first) {
    doc.moveTo(cx + first[0] * r, cy + first[1] * r);
    for (const [x, y] of rest) doc.lineTo(cx + x * r, cy + y * r);
    doc.closePath().fillColor(SEAL_RED).fill();
  }
  for (const glyph of [...geometry.rim, ...geometry.label]) {
    const size = glyph.size * r;
    const x = cx + glyph.x * r;
    const y = cy + glyph.y * r;
    doc
      .save()
      .rotate(glyph.rotate, { origin: [x, y] })
      .font('bold')
      .fontSize(size)
      .fillColor(SEAL_RED)
      .text(glyph.char, x - size / 2, y - size * 0.6, { width: size, align: 'center', lineBreak: false })
      .restore();
  }
  doc.restore();
}

/** A QR code (error correction M) drawn as filled modules. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  const origin = { x: x + 4 * cell, y: y + 4 * cell };
  doc.save().fillColor('#000000');
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.modules.get(row, col)) doc.rect(origin.x + col * cell, origin.y + row * cell, cell, cell);
    }
  }
  doc.fill().restore();
}
