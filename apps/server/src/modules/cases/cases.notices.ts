import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Font, create as parseFont } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * The notices (办件文书) a case issues to the applicant, rendered as A4 PDF in zh-CN.
 *
 * Every string is printed as the caller formatted it, except dates given as `YYYY-MM-DD`, which are
 * printed as `2026年3月1日` (GB/T 9704: Arabic numerals, month and day without a leading zero).
 */
export type Notice =
  | AcceptanceNotice
  | CorrectionNotice
  | NonAcceptanceNotice
  | DecisionNotice
  | ExtensionNotice;
export type NoticeKind = Notice['kind'];

/** What every notice carries: who issues it, to whom, and its number. */
interface NoticeBase {
  /** 文号, e.g. `杭西市监受〔2026〕第00012号`. */
  documentNumber: string;
  applicantName: string;
  /** The service item applied for (事项名称). */
  itemName: string;
  /** The issuing department: the header and the signature. */
  departmentName: string;
  issuedDate: string;
}

/** The bodies the applicant may turn to against the notice (行政复议 and 行政诉讼). */
interface Remedies {
  /** The body that hears 行政复议, e.g. `杭州市西湖区人民政府`. */
  reviewBody: string;
  /** The court that hears 行政诉讼, e.g. `杭州市西湖区人民法院`. */
  court: string;
}

/** 容缺受理: a material the applicant committed in writing to supply by a date. */
export interface DeferredMaterialLine {
  name: string;
  dueDate: string;
}

/** One line of the one-time correction notice: a material or form field, and what is wrong. */
export interface CorrectionLine {
  subject: string;
  reason: string;
}

/** 受理通知书 (行政许可法 第32条). */
export interface AcceptanceNotice extends NoticeBase {
  kind: 'acceptance';
  /** 受理编号 */
  caseNumber: string;
  /** YYYY-MM-DD */
  receivedDate: string;
  acceptedDate: string;
  /** 法定办结时限, in working days (行政许可法 第42条, 第82条). */
  legalTimeLimitDays: number;
  legalDueDate: string;
  /** 承诺办结时限, in working days. */
  promisedTimeLimitDays: number;
  promisedDueDate: string;
  /** 容缺受理: materials still to be supplied. */
  deferredMaterials?: DeferredMaterialLine[];
  contactPhone: string;
}

/** 补正告知书: everything to correct, told at once (一次性告知, 行政许可法 第32条). */
export interface CorrectionNotice extends NoticeBase {
  kind: 'correction';
  applicationNumber: string;
  receivedDate: string;
  corrections: CorrectionLine[];
  contactPhone: string;
}

/** 不予受理通知书 (行政许可法 第32条). */
export interface NonAcceptanceNotice extends NoticeBase, Remedies {
  kind: 'nonAcceptance';
  applicationNumber: string;
  receivedDate: string;
  reason: string;
  /** The provision relied on, e.g. `《中华人民共和国行政许可法》第三十二条第一款第（二）项`. */
  legalBasis: string;
}

/** 准予 / 不予行政许可决定书 (行政许可法 第38条). */
export interface DecisionNotice extends NoticeBase, Remedies {
  kind: 'decision';
  outcome: 'approve' | 'refuse';
  caseNumber: string;
  acceptedDate: string;
  decisionDate: string;
  /** What is granted (licence, scope, validity); required to approve. */
  content?: string;
  /** Why the application is refused; required to refuse (第38条第2款: reasons must be given). */
  reasons?: string;
  legalBasis: string;
}

/** Renders a notice as an A4 PDF with the CJK font embedded as a subset. */
/** 延长审批期限告知书 (行政许可法 第42条): the head approved one extension; the reason is told. */
export interface ExtensionNotice extends NoticeBase {
  kind: 'extension';
  caseNumber: string;
  acceptedDate: string;
  extensionDays: number;
  /** The legal due date before the extension. */
  previousDueDate: string;
  legalDueDate: string;
  reason: string;
  contactPhone: string;
}

export async function renderNoticePdf(notice: Notice): Promise<Uint8Array> {
  const document = composeNotice(notice);
  const fonts = await loadFonts();
  return typeset(document, fonts);
}

// ---------------------------------------------------------------------------------------------
// Wording: each kind becomes a title and a list of blocks.

type Block =
  | { type: 'paragraph'; text: string; indent: boolean }
  | { type: 'table'; columns: readonly Column[]; rows: readonly (readonly string[])[]; header: boolean };

interface Column {
  title: string;
  /** Share of the table width. */
  share: number;
  shaded?: boolean;
  centred?: boolean;
}

interface ComposedNotice {
  title: string;
  subtitle?: string;
  documentNumber: string;
  departmentName: string;
  issuedDate: string;
  blocks: Block[];
}

const LICENSING_LAW = '《中华人民共和国行政许可法》';

const paragraph = (text: string): Block => ({ type: 'paragraph', text, indent: true });
const salutation = (name: string): Block => ({ type: 'paragraph', text: `${name}：`, indent: false });

function numberedTable(columns: readonly Column[], rows: readonly (readonly string[])[]): Block {
  return {
    type: 'table',
    header: true,
    columns: [{ title: '序号', share: 0.1, centred: true }, ...columns],
    rows: rows.map((row, index) => [String(index + 1), ...row]),
  };
}

function factsTable(rows: readonly (readonly [string, string])[]): Block {
  return {
    type: 'table',
    header: false,
    columns: [
      { title: '', share: 0.26, shaded: true },
      { title: '', share: 0.74 },
    ],
    rows,
  };
}

/** The remedies every adverse notice must state (行政许可法 第38条第2款). */
function remediesParagraph(remedies: Remedies, documentWord: string): Block {
  return paragraph(
    `如不服本决定，可以依照《中华人民共和国行政复议法》的规定，自收到本${documentWord}之日起60日内向` +
      `${remedies.reviewBody}申请行政复议；也可以依照《中华人民共和国行政诉讼法》的规定，自收到本` +
      `${documentWord}之日起6个月内向${remedies.court}提起行政诉讼。`,
  );
}

function composeNotice(notice: Notice): ComposedNotice {
  validateNotice(notice);
  const common = {
    documentNumber: notice.documentNumber.trim(),
    departmentName: notice.departmentName.trim(),
    issuedDate: formatDate(notice.issuedDate),
  };
  switch (notice.kind) {
    case 'acceptance':
      return { ...common, title: '受理通知书', blocks: acceptanceBlocks(notice) };
    case 'correction':
      return { ...common, title: '补正告知书', subtitle: '（一次性告知）', blocks: correctionBlocks(notice) };
    case 'nonAcceptance':
      return { ...common, title: '不予受理通知书', blocks: nonAcceptanceBlocks(notice) };
    case 'decision':
      return {
        ...common,
        title: notice.outcome === 'approve' ? '准予行政许可决定书' : '不予行政许可决定书',
        blocks: decisionBlocks(notice),
      };
    case 'extension':
      return { ...common, title: '延长审批期限告知书', blocks: extensionBlocks(notice) };
  }
}

function extensionBlocks(notice: ExtensionNotice): Block[] {
  return [
    salutation(notice.applicantName),
    // 行政许可法 第42条第1款: extended once, with the head's approval, the reason told
    paragraph(
      `本机关于${formatDate(notice.acceptedDate)}受理你（单位）提出的“${notice.itemName}”申请` +
        `（受理编号：${notice.caseNumber}）。因${sentence(notice.reason)}，本机关不能在法定期限内作出决定。` +
        `根据${LICENSING_LAW}第四十二条第一款的规定，经本机关负责人批准，办理期限延长` +
        `${notice.extensionDays}个工作日。`,
    ),
    factsTable([
      ['受理编号', notice.caseNumber],
      ['原法定办结期限', formatDate(notice.previousDueDate)],
      ['延长', `${notice.extensionDays}个工作日`],
      ['延长后办结期限', formatDate(notice.legalDueDate)],
    ]),
    paragraph(`联系电话：${notice.contactPhone}。`),
  ];
}

function acceptanceBlocks(notice: AcceptanceNotice): Block[] {
  const deferred = notice.deferredMaterials ?? [];
  const findings =
    deferred.length === 0
      ? '申请事项属于本机关职权范围，申请材料齐全、符合法定形式'
      : '申请事项属于本机关职权范围，主要申请材料齐全、符合法定形式，其余材料你（单位）已书面承诺限期补交';
  const blocks: Block[] = [
    salutation(notice.applicantName),
    // 行政许可法 第32条第1款第5项
    paragraph(
      `你（单位）于${formatDate(notice.receivedDate)}提交的“${notice.itemName}”申请，经审查，${findings}。` +
        `根据${LICENSING_LAW}第三十二条第一款第（五）项的规定，本机关决定予以受理` +
        `${deferred.length === 0 ? '' : '（容缺受理）'}。`,
    ),
    factsTable([
      ['受理编号', notice.caseNumber],
      ['收件日期', formatDate(notice.receivedDate)],
      ['受理日期', formatDate(notice.acceptedDate)],
      ['法定办结时限', `${notice.legalTimeLimitDays}个工作日，至${formatDate(notice.legalDueDate)}`],
      ['承诺办结时限', `${notice.promisedTimeLimitDays}个工作日，至${formatDate(notice.promisedDueDate)}`],
    ]),
  ];
  if (deferred.length > 0) {
    blocks.push(
      paragraph('你（单位）承诺补交的容缺材料如下，请在期限届满前补齐；逾期未补齐的，本机关将退回申请。'),
      numberedTable(
        [
          { title: '容缺材料', share: 0.6 },
          { title: '补交期限', share: 0.3 },
        ],
        deferred.map((material) => [material.name, formatDate(material.dueDate)]),
      ),
    );
  }
  blocks.push(
    // 行政许可法 第82条 (working days), 第45条 (time not counted)
    paragraph(
      '办结时限自受理之日起按工作日计算，不含法定节假日；依法需要听证、招标、拍卖、检验、检测、检疫、' +
        '鉴定、专家评审的，所需时间不计算在办结时限内。',
    ),
    paragraph(`你（单位）可凭受理编号查询办理进度。联系电话：${notice.contactPhone}。`),
  );
  return blocks;
}

function correctionBlocks(notice: CorrectionNotice): Block[] {
  return [
    salutation(notice.applicantName),
    // 行政许可法 第32条第1款第4项: tell everything to correct at once
    paragraph(
      `你（单位）于${formatDate(notice.receivedDate)}提交的“${notice.itemName}”申请` +
        `（申请编号：${notice.applicationNumber}），经审查，申请材料不齐全或者不符合法定形式。` +
        `根据${LICENSING_LAW}第三十二条第一款第（四）项的规定，现将需要补正的全部内容一次性告知如下：`,
    ),
    numberedTable(
      [
        { title: '补正材料或事项', share: 0.3 },
        { title: '补正原因及要求', share: 0.6 },
      ],
      notice.corrections.map((line) => [line.subject, line.reason]),
    ),
    paragraph(
      '以上为本次申请需要补正的全部内容（一次性告知）。请你（单位）按照上述要求补正后重新提交；' +
        '补正后申请材料齐全、符合法定形式的，本机关将依法予以受理。',
    ),
    paragraph(`联系电话：${notice.contactPhone}。`),
  ];
}

function nonAcceptanceBlocks(notice: NonAcceptanceNotice): Block[] {
  return [
    salutation(notice.applicantName),
    paragraph(
      `你（单位）于${formatDate(notice.receivedDate)}提交的“${notice.itemName}”申请` +
        `（申请编号：${notice.applicationNumber}），经审查，${sentence(notice.reason)}。` +
        `根据${notice.legalBasis.trim()}的规定，本机关决定不予受理。`,
    ),
    remediesParagraph(notice, '通知书'),
  ];
}

function decisionBlocks(notice: DecisionNotice): Block[] {
  const approve = notice.outcome === 'approve';
  const blocks: Block[] = [
    salutation(notice.applicantName),
    paragraph(
      `本机关于${formatDate(notice.acceptedDate)}受理你（单位）提出的“${notice.itemName}”申请` +
        `（受理编号：${notice.caseNumber}）。经审查，` +
        (approve ? '申请符合法定条件、标准。' : '申请不符合法定条件、标准，理由如下：'),
    ),
  ];
  if (!approve) blocks.push(...paragraphs(notice.reasons ?? ''));
  blocks.push(
    paragraph(
      `根据${notice.legalBasis.trim()}的规定，本机关于${formatDate(notice.decisionDate)}` +
        `决定${approve ? '准予' : '不予'}行政许可。`,
    ),
  );
  if (approve) {
    blocks.push(
      paragraph('准予许可的内容如下：'),
      ...paragraphs(notice.content ?? ''),
      // 行政许可法 第44条
      paragraph('需要颁发行政许可证件的，本机关将自作出决定之日起10日内向你（单位）颁发、送达。'),
    );
  }
  blocks.push(remediesParagraph(notice, '决定书'));
  return blocks;
}

/** The caller's multi-line text as paragraphs, blank lines dropped. */
function paragraphs(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(paragraph);
}

/** A clause to embed in a sentence: trimmed, without its own closing punctuation. */
function sentence(text: string): string {
  return text.trim().replace(/[。．.；;，,\s]+$/u, '');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-01` → `2026年3月1日`; anything else is taken as already formatted. */
function formatDate(value: string): string {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return value.trim();
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

// ---------------------------------------------------------------------------------------------
// Validation: the caller validates first; this refuses a notice that would print with gaps.

const NOTICE_LABELS: Record<NoticeKind, string> = {
  acceptance: '受理通知书',
  correction: '补正告知书',
  nonAcceptance: '不予受理通知书',
  decision: '行政许可决定书',
  extension: '延长审批期限告知书',
};

function validateNotice(notice: Notice): void {
  const label = NOTICE_LABELS[notice.kind] as string | undefined;
  if (label === undefined)
    throw new Error(`Unknown notice kind: ${String((notice as { kind: unknown }).kind)}`);
  const where = `${label} (${notice.kind})`;
  requireText(where, notice, ['documentNumber', 'applicantName', 'itemName', 'departmentName', 'issuedDate']);
  switch (notice.kind) {
    case 'acceptance':
      requireText(where, notice, [
        'caseNumber',
        'receivedDate',
        'acceptedDate',
        'legalDueDate',
        'promisedDueDate',
        'contactPhone',
      ]);
      requireDays(where, notice, ['legalTimeLimitDays', 'promisedTimeLimitDays']);
      for (const [index, material] of (notice.deferredMaterials ?? []).entries()) {
        requireText(`${where} deferredMaterials[${index}]`, material, ['name', 'dueDate']);
      }
      return;
    case 'correction':
      requireText(where, notice, ['applicationNumber', 'receivedDate', 'contactPhone']);
      if (!Array.isArray(notice.corrections) || notice.corrections.length === 0) {
        throw new Error(`${where}: "corrections" must list at least one item to correct`);
      }
      for (const [index, line] of notice.corrections.entries()) {
        requireText(`${where} corrections[${index}]`, line, ['subject', 'reason']);
      }
      return;
    case 'nonAcceptance':
      requireText(where, notice, [
        'applicationNumber',
        'receivedDate',
        'reason',
        'legalBasis',
        'reviewBody',
        'court',
      ]);
      return;
    case 'decision':
      if (notice.outcome !== 'approve' && notice.outcome !== 'refuse') {
        throw new Error(`${where}: "outcome" must be 'approve' or 'refuse'`);
      }
      requireText(where, notice, [
        'caseNumber',
        'acceptedDate',
        'decisionDate',
        'legalBasis',
        'reviewBody',
        'court',
      ]);
      // 行政许可法 第38条第2款: a refusal states its reasons
      requireText(`${where}/${notice.outcome}`, notice, [
        notice.outcome === 'approve' ? 'content' : 'reasons',
      ]);
      return;
    case 'extension':
      requireText(where, notice, [
        'caseNumber',
        'acceptedDate',
        'previousDueDate',
        'legalDueDate',
        'reason',
        'contactPhone',
      ]);
      requireDays(where, notice, ['extensionDays']);
      return;
  }
}

function requireText<T extends object>(where: string, value: T, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const field = value[key];
    if (typeof field !== 'string' || field.trim() === '') {
      throw new Error(`${where}: "${key}" is required and must be non-empty text`);
    }
  }
}

function requireDays<T extends object>(where: string, value: T, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const field = value[key];
    if (typeof field !== 'number' || !Number.isInteger(field) || field <= 0) {
      throw new Error(`${where}: "${key}" must be a positive whole number of working days`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The font: Noto Sans CJK SC (OFL-1.1; all of GB 2312 and nearly all CJK Unified Ideographs) from
// the @embedpdf/fonts-sc package. Read and parsed once per process: parsing the 8 MB face costs more
// than setting a notice, and each document still embeds only its own subset.

interface NoticeFonts {
  regular: Font;
  bold: Font;
}

const FONT_PACKAGE = '@embedpdf/fonts-sc';
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

let noticeFonts: Promise<NoticeFonts> | undefined;

function loadFonts(): Promise<NoticeFonts> {
  noticeFonts ??= readFonts().catch((error: unknown) => {
    noticeFonts = undefined; // let a later call retry
    throw error;
  });
  return noticeFonts;
}

async function readFonts(): Promise<NoticeFonts> {
  // The package exports only its entry (dist/index.*); the fonts sit in ../fonts beside it.
  const entry = createRequire(import.meta.url).resolve(FONT_PACKAGE);
  const directory = join(dirname(entry), '..', 'fonts');
  const read = async (file: string): Promise<Font> => {
    const parsed = parseFont(await readFile(join(directory, file)));
    if ('fonts' in parsed) throw new Error(`${FONT_PACKAGE}/${file} is a font collection, not one font`);
    return parsed;
  };
  const [regular, bold] = await Promise.all([read(FONT_FILES.regular), read(FONT_FILES.bold)]);
  return { regular, bold };
}

// ---------------------------------------------------------------------------------------------
// Typesetting. Lines are broken here rather than by pdfkit: its wrapper justifies only at spaces,
// which Chinese text has none of. Measurements are in points (1 mm ≈ 2.835 pt).

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
// GB/T 9704's type area is 156 mm wide; notices keep that width with less room above and below.
const MARGIN = { top: 25 * MM, bottom: 25 * MM, left: 28 * MM, right: 26 * MM };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;

const RED = '#c8161d';
const INK = '#111111';
const GREY = '#666666';
const RULE = '#333333';
const SHADE = '#f0f0f0';

const BODY = { size: 14, lineHeight: 22 };
const CELL = { size: 12, lineHeight: 17, paddingX: 6, paddingY: 4 };

type FontName = 'regular' | 'bold';
type Align = 'left' | 'center' | 'right' | 'justify';

/** Characters that may not begin a line (避头): closing brackets and trailing punctuation. */
const NO_LINE_START = new Set('，。、；：？！）》」』”’〕】〉…—·%‰,.;:?!)]}');
/** Characters that may not end a line (避尾): opening brackets and quotes. */
const NO_LINE_END = new Set('（《「『“‘〔【〈([{');
/** Runs kept whole on one line: Latin words, numbers, phone numbers, dates in figures. */
const UNBREAKABLE_RUN = /[A-Za-z0-9@#&_+\-./:%]+|\s+|./gsu;

function typeset(notice: ComposedNotice, fonts: NoticeFonts): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: notice.title,
      Author: notice.departmentName,
      Subject: notice.documentNumber,
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
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);

  const page = new PageWriter(doc);
  page.head(notice);
  for (const block of notice.blocks) {
    if (block.type === 'paragraph') page.paragraph(block.text, { indent: block.indent });
    else page.table(block.columns, block.rows, block.header);
  }
  page.signature(notice.departmentName, notice.issuedDate);
  page.folios(notice.documentNumber);
  doc.end();
  return finished;
}

class PageWriter {
  private y = MARGIN.top;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** The department as a red header over a rule, the title, and the document number. */
  head(notice: ComposedNotice): void {
    this.lines(notice.departmentName, {
      font: 'bold',
      size: 20,
      lineHeight: 28,
      align: 'center',
      color: RED,
    });
    this.y += 4;
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, this.y)
      .lineWidth(1.5)
      .strokeColor(RED)
      .stroke();
    this.y += 16;
    this.lines(notice.title, { font: 'bold', size: 22, lineHeight: 32, align: 'center' });
    if (notice.subtitle) this.lines(notice.subtitle, { size: 14, lineHeight: 22, align: 'center' });
    this.lines(notice.documentNumber, { size: 12, lineHeight: 22, align: 'right' });
    this.y += 6;
  }

  /** A body paragraph: first line indented two characters, justified, broken across pages. */
  paragraph(text: string, options: { indent: boolean }): void {
    this.lines(text, {
      size: BODY.size,
      lineHeight: BODY.lineHeight,
      align: 'justify',
      indent: options.indent ? 2 * BODY.size : 0,
    });
  }

  /** A ruled table; a row too tall for the page continues on the next, under a repeated header. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], header: boolean): void {
    const total = columns.reduce((sum, column) => sum + column.share, 0);
    const widths = columns.map((column) => (column.share / total) * CONTENT_WIDTH);
    const wrapCells = (cells: readonly string[], font: FontName) =>
      widths.map((width, index) =>
        this.wrap(cells[index] ?? '', width - 2 * CELL.paddingX, font, CELL.size, 0),
      );
    const headerLines = header
      ? wrapCells(
          columns.map((column) => column.title),
          'bold',
        )
      : undefined;
    const headerHeight = headerLines ? rowHeight(headerLines) : 0;
    const drawHeader = () => {
      if (!headerLines) return;
      this.drawRow(columns, widths, headerLines, { font: 'bold', shadeAll: true, align: 'center' });
    };

    this.y += 4;
    // Keep the header with at least one line of the first row.
    this.ensure(headerHeight + CELL.lineHeight + 2 * CELL.paddingY);
    drawHeader();
    const pageRoom = CONTENT_BOTTOM - MARGIN.top - headerHeight;
    for (const row of rows) {
      let pending = wrapCells(row, 'regular');
      const height = rowHeight(pending);
      if (this.y + height > CONTENT_BOTTOM && height <= pageRoom) {
        // A row that fits on a page is not split.
        this.newPage();
        drawHeader();
      }
      while (pending.some((lines) => lines.length > 0)) {
        const room = Math.floor((CONTENT_BOTTOM - this.y - 2 * CELL.paddingY) / CELL.lineHeight);
        if (room < 1) {
          this.newPage();
          drawHeader();
          continue;
        }
        const slice = pending.map((lines) => lines.slice(0, room));
        pending = pending.map((lines) => lines.slice(room));
        this.drawRow(columns, widths, slice, { font: 'regular', shadeAll: false, align: 'left' });
      }
    }
    this.y += 8;
  }

  /** The department and date at the bottom right, with a place for the seal. */
  signature(departmentName: string, issuedDate: string): void {
    const size = BODY.size;
    const lineHeight = BODY.lineHeight;
    this.ensure(lineHeight * 3.5);
    this.y += lineHeight / 2;
    // GB/T 9704: the date sits four characters from the right edge, the signature centred over it.
    const right = MARGIN.left + CONTENT_WIDTH - 2 * size;
    const dateWidth = this.measure(issuedDate, 'regular', size);
    const centre = right - dateWidth / 2;
    const nameWidth = this.measure(departmentName, 'regular', size);
    const nameX = Math.max(
      MARGIN.left,
      Math.min(centre - nameWidth / 2, MARGIN.left + CONTENT_WIDTH - nameWidth),
    );
    const sealWidth = this.measure('（印章）', 'regular', size);

    this.draw('（印章）', centre - sealWidth / 2, this.y, { font: 'regular', size, lineHeight, color: GREY });
    this.y += lineHeight;
    this.draw(departmentName, nameX, this.y, { font: 'regular', size, lineHeight });
    this.y += lineHeight;
    this.draw(issuedDate, right - dateWidth, this.y, { font: 'regular', size, lineHeight });
    this.y += lineHeight;
  }

  /** Page numbers on every page, and the document number atop continuation pages. */
  folios(documentNumber: string): void {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const folio = `— ${index - range.start + 1} —`;
      const size = 11;
      const width = this.measure(folio, 'regular', size);
      this.draw(folio, (PAGE.width - width) / 2, CONTENT_BOTTOM + 18, {
        font: 'regular',
        size,
        lineHeight: 16,
      });
      if (index > range.start) {
        const numberWidth = this.measure(documentNumber, 'regular', 10);
        this.draw(documentNumber, MARGIN.left + CONTENT_WIDTH - numberWidth, MARGIN.top - 28, {
          font: 'regular',
          size: 10,
          lineHeight: 14,
          color: GREY,
        });
      }
    }
  }

  private drawRow(
    columns: readonly Column[],
    widths: readonly number[],
    cells: readonly (readonly string[])[],
    style: { font: FontName; shadeAll: boolean; align: 'left' | 'center' },
  ): void {
    const height = rowHeight(cells);
    let x = MARGIN.left;
    for (const [index, width] of widths.entries()) {
      const rect = this.doc.rect(x, this.y, width, height).lineWidth(0.6);
      if (style.shadeAll || columns[index]?.shaded) rect.fillAndStroke(SHADE, RULE);
      else rect.strokeColor(RULE).stroke();
      let lineY = this.y + CELL.paddingY;
      for (const line of cells[index] ?? []) {
        const lineWidth = this.measure(line, style.font, CELL.size);
        const centred = style.align === 'center' || columns[index]?.centred;
        const lineX = centred ? x + (width - lineWidth) / 2 : x + CELL.paddingX;
        this.draw(line, lineX, lineY, { font: style.font, size: CELL.size, lineHeight: CELL.lineHeight });
        lineY += CELL.lineHeight;
      }
      x += width;
    }
    this.y += height;
  }

  /** Wraps and draws text across the content width, turning pages as needed. */
  private lines(
    text: string,
    options: {
      font?: FontName;
      size: number;
      lineHeight: number;
      align: Align;
      indent?: number;
      color?: string;
    },
  ): void {
    const font = options.font ?? 'regular';
    const indent = options.indent ?? 0;
    const lines = this.wrap(text, CONTENT_WIDTH, font, options.size, indent);
    for (const [index, line] of lines.entries()) {
      this.ensure(options.lineHeight);
      const offset = index === 0 ? indent : 0;
      const available = CONTENT_WIDTH - offset;
      const width = this.measure(line, font, options.size);
      let x = MARGIN.left + offset;
      let characterSpacing = 0;
      if (options.align === 'center') x += (available - width) / 2;
      else if (options.align === 'right') x += available - width;
      else if (options.align === 'justify' && index < lines.length - 1) {
        // Spread the slack over the gaps between characters, as Chinese typesetting does.
        const gaps = Array.from(line).length - 1;
        const spacing = gaps > 0 ? (available - width) / gaps : 0;
        // More slack than that means an unbreakable run was pushed down: leave the line ragged.
        if (spacing > 0 && spacing <= options.size / 5) characterSpacing = spacing;
      }
      this.draw(line, x, this.y, { ...options, font, characterSpacing });
      this.y += options.lineHeight;
    }
  }

  /**
   * Breaks text into lines no wider than `width` (the first line `indent` narrower). Chinese
   * breaks between any two characters, except that closing punctuation never starts a line and
   * opening brackets never end one (GB/T 15834 标点符号用法); Latin words and numbers stay whole
   * unless longer than a line.
   */
  private wrap(text: string, width: number, font: FontName, size: number, indent: number): string[] {
    const result: string[] = [];
    for (const source of text.split(/\r?\n/)) {
      const tokens = source.match(UNBREAKABLE_RUN) ?? [];
      let line: string[] = [];
      let lineWidth = 0;
      let available = width - (result.length === 0 ? indent : 0);
      const flush = () => {
        while (line.length > 0 && /^\s+$/u.test(line.at(-1) ?? '')) line.pop();
        result.push(line.join(''));
        available = width;
      };
      for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index] ?? '';
        const isSpace = /^\s+$/u.test(token);
        if (isSpace && line.length === 0) continue;
        const tokenWidth = this.measure(isSpace ? ' ' : token, font, size);
        if (lineWidth + tokenWidth <= available + 0.01) {
          line.push(isSpace ? ' ' : token);
          lineWidth += tokenWidth;
          continue;
        }
        if (isSpace) {
          flush();
          line = [];
          lineWidth = 0;
          continue;
        }
        const characters = Array.from(token);
        if (characters.length > 1 && (tokenWidth > width || (line.length === 0 && tokenWidth > available))) {
          // Longer than a whole line (a long code or URL): take it character by character.
          tokens.splice(index, 1, ...characters);
          index--;
          continue;
        }
        if (line.length === 0) {
          line.push(token);
          lineWidth = tokenWidth;
          continue;
        }
        const carried: string[] = [];
        if (NO_LINE_START.has(Array.from(token)[0] ?? '')) {
          // Pull the last character down with the punctuation rather than start a line with it.
          while (line.length > 1 && NO_LINE_START.has(Array.from(line.at(-1) ?? '')[0] ?? '')) {
            carried.unshift(line.pop() ?? '');
          }
          if (line.length > 1) carried.unshift(line.pop() ?? '');
        }
        while (line.length > 1 && NO_LINE_END.has(Array.from(line.at(-1) ?? '').at(-1) ?? '')) {
          carried.unshift(line.pop() ?? '');
        }
        flush();
        line = [...carried, token];
        lineWidth = this.measure(line.join(''), font, size);
      }
      flush();
    }
    return result;
  }

  private ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  private measure(text: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  /** Draws one line with its em box centred in the line height. */
  private draw(
    text: string,
    x: number,
    y: number,
    options: { font: FontName; size: number; lineHeight: number; color?: string; characterSpacing?: number },
  ): void {
    this.doc
      .font(options.font)
      .fontSize(options.size)
      .fillColor(options.color ?? INK)
      .text(text, x, y + (options.lineHeight - options.size) / 2, {
        lineBreak: false,
        characterSpacing: options.characterSpacing ?? 0,
      });
  }
}

function rowHeight(cells: readonly (readonly string[])[]): number {
  const lines = Math.max(1, ...cells.map((cell) => cell.length));
  return lines * CELL.lineHeight + 2 * CELL.paddingY;
}
