import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Line {
  text: string;
  x: number;
  width: number;
}

export interface ParsedPdf {
  pages: { width: number; height: number; lines: Line[]; text: string }[];
  /** Every page's text with whitespace removed, for substring checks. */
  text: string;
}

/** Reads the PDF back with pdf.js: page sizes and the text as drawn, line by line. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  const pages: ParsedPdf['pages'] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const [, , width = 0, height = 0] = page.view;
    const content = await page.getTextContent();
    const lines = content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [{ text: item.str, x: item.transform[4] as number, width: item.width }]
        : [],
    );
    pages.push({ width, height, lines, text: squash(lines.map((line) => line.text).join('')) });
  }
  await pdf.destroy();
  return { pages, text: pages.map((page) => page.text).join('') };
}

export const squash = (text: string) => text.replace(/\s+/g, '');
