import ExcelJS from 'exceljs';
import { Value } from 'typebox/value';
import type { RequestContext } from '../../platform/audit.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, badRequest, unprocessable } from '../../platform/errors.js';
import { SECTORS, type Sector } from '../org/org.sectors.js';
import * as org from '../org/org.service.js';
import { BasicItem, ITEM_TYPES, type ItemType, type LegalBasis } from './catalogue.model.js';
import { assertEntryInScope } from './catalogue.policy.js';
import * as repo from './catalogue.repo.js';
import type { EntryContentInput } from './catalogue.schemas.js';
import { createBasicItem, createEntry, publishEntry } from './catalogue.service.js';

/**
 * Bulk import and export of the catalogue as spreadsheets (批量导入导出): Excel (.xlsx) and CSV,
 * with Chinese column headers and Chinese labels in the cells, as administrators fill them in.
 * Import is all or nothing: every row is checked first and every problem is reported with its row
 * and column; only a file without problems is written, in one transaction.
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

export type TransferFormat = 'xlsx' | 'csv';

/** A spreadsheet as uploaded: its bytes and the format its content type declares. */
export interface ImportFile {
  format: TransferFormat;
  data: Buffer;
}

/** A file to download. */
export interface ExportFile {
  /** ASCII name, for clients that ignore `filename*`. */
  filename: string;
  /** The Chinese name, sent as `filename*` (RFC 6266). */
  localFilename: string;
  contentType: string;
  body: Buffer;
}

/** One problem in an uploaded file: the row as the user sees it (header = 1) and the column header. */
export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

/** More rows than this are refused: one import is one transaction, and one audit record per item. */
export const MAX_IMPORT_ROWS = 5000;
/** Rows read per query when exporting. */
const EXPORT_PAGE_SIZE = 500;

/** Error codes of bulk import and export. */
export const transferErrors = {
  unreadable: (reason: string) =>
    badRequest('CATALOGUE_IMPORT_UNREADABLE', `无法读取上传的文件：${reason}`, { field: 'body' }),
  empty: () => unprocessable('CATALOGUE_IMPORT_EMPTY', '文件中没有可导入的数据行', { field: 'body' }),
  tooManyRows: (count: number) =>
    unprocessable(
      'CATALOGUE_IMPORT_TOO_MANY_ROWS',
      `文件有 ${count} 行数据，一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`,
      { field: 'body', details: { rows: count, limit: MAX_IMPORT_ROWS } },
    ),
  invalid: (problems: ImportProblem[]) => {
    const rows = new Set(problems.map((problem) => problem.row)).size;
    return unprocessable(
      'CATALOGUE_IMPORT_INVALID',
      `导入失败：${rows} 行共 ${problems.length} 处错误，未导入任何数据；请修改后重新导入`,
      { field: 'body', details: { rows: problems } },
    );
  },
} as const;

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)

/** Write records as RFC 4180 CSV: CRLF after every record; fields with `,` `"` CR or LF quoted. */
export function writeCsv(records: readonly (readonly string[])[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return records.map((record) => `${record.map(field).join(',')}\r\n`).join('');
}

/**
 * Parse RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; records end
 * with CRLF or LF; a final line break is optional. Throws on a quote left open or text after a
 * closing quote.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  // Whether the current record has begun: text "" is no record, "\r\n" one record of one empty field.
  let started = false;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    started = false;
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '') {
      started = true;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error(`第 ${records.length + 1} 行的引号没有闭合`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new Error(`第 ${records.length + 1} 行的引号后有多余的字符`);
      }
      continue;
    }
    if (char === ',') {
      record.push(field);
      field = '';
      started = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else {
      field += char;
      started = true;
    }
    i += 1;
  }
  if (started || field !== '' || record.length > 0) endRecord();
  return records;
}

/** CSV text as Excel writes it: UTF-8 (with or without BOM), else GB18030 (Excel's "CSV" on Chinese Windows). */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

// Excel runs a CSV cell that starts with one of these as a formula (CSV injection). On export such
// a value gets a leading apostrophe, which import removes again: a round trip keeps every value.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const guardFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const unguardFormula = (value: string) => (/^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

// ---------------------------------------------------------------------------------------------
// Tables: a header row and data rows, from and to either format

interface Column {
  header: string;
  /** Width in characters (xlsx). */
  width: number;
}

type CellValue = string | number;

interface TableRow {
  /** Row number as the user sees it in the file; the header is row 1. */
  row: number;
  cells: string[];
}

interface Table {
  header: string[];
  rows: TableRow[];
}

/** The text of an xlsx cell, whatever Excel stored: text, rich text, number, formula result, link. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

async function readXlsx(data: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; Node's Buffer is what it reads.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw transferErrors.unreadable('不是有效的 Excel（.xlsx）文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw transferErrors.unreadable('文件中没有工作表');
  const width = sheet.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    rows.push({ row: rowNumber, cells: header.map((_, i) => cellText(row.getCell(i + 1).value)) });
  });
  return { header, rows };
}

function readCsv(data: Buffer): Table {
  if (data.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw transferErrors.unreadable('文件是 Excel 格式，却声明为 CSV；请以 .xlsx 上传');
  }
  let records: string[][];
  try {
    records = parseCsv(decodeCsv(data));
  } catch (error) {
    throw transferErrors.unreadable(error instanceof Error ? error.message : 'CSV 格式错误');
  }
  const [header = [], ...rest] = records;
  return {
    header,
    rows: rest.map((cells, index) => ({ row: index + 2, cells: cells.map(unguardFormula) })),
  };
}

/** Read the first sheet of an xlsx, or a CSV file, as a header and rows; blank rows are dropped. */
export async function readTable(file: ImportFile): Promise<Table> {
  if (file.data.length === 0) throw transferErrors.unreadable('文件为空');
  const table = file.format === 'xlsx' ? await readXlsx(file.data) : readCsv(file.data);
  return {
    header: table.header.map((header) => header.trim()),
    rows: table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== '')),
  };
}

/** A column an import file may have. */
interface ImportColumn extends Column {
  required: boolean;
}

/** A table whose header has been checked: its rows, and their cells by header. */
interface CheckedTable {
  rows: TableRow[];
  /** The trimmed cell of a row under a header ('' when the column is absent or the cell empty). */
  text: (row: TableRow, header: string) => string;
  /** Problems of a row: each required cell that is empty. */
  requiredProblems: (row: TableRow) => ImportProblem[];
}

/**
 * Check a table's header (row 1) against the columns an import takes: unknown, repeated and missing
 * required columns are problems, all reported. A table with a good header must have between one
 * and MAX_IMPORT_ROWS data rows (throws CATALOGUE_IMPORT_EMPTY or CATALOGUE_IMPORT_TOO_MANY_ROWS).
 */
function checkTable(
  table: Table,
  columns: readonly ImportColumn[],
): { problems: ImportProblem[]; table?: CheckedTable } {
  const problems: ImportProblem[] = [];
  const columnIndex = new Map<string, number>();
  table.header.forEach((header, index) => {
    if (header === '') return;
    if (!columns.some((column) => column.header === header)) {
      problems.push({ row: 1, column: header, message: `无法识别的列“${header}”` });
    } else if (columnIndex.has(header)) {
      problems.push({ row: 1, column: header, message: `列“${header}”重复` });
    } else {
      columnIndex.set(header, index);
    }
  });
  for (const column of columns) {
    if (column.required && !columnIndex.has(column.header)) {
      problems.push({ row: 1, column: column.header, message: `缺少必填列“${column.header}”` });
    }
  }
  if (problems.length > 0) return { problems };
  if (table.rows.length === 0) throw transferErrors.empty();
  if (table.rows.length > MAX_IMPORT_ROWS) throw transferErrors.tooManyRows(table.rows.length);
  const text = (row: TableRow, header: string) => {
    const index = columnIndex.get(header);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const requiredProblems = (row: TableRow) =>
    columns
      .filter((column) => column.required && text(row, column.header) === '')
      .map((column) => ({ row: row.row, column: column.header, message: `${column.header}不能为空` }));
  return { problems, table: { rows: table.rows, text, requiredProblems } };
}

/** Refuse an import with all its problems, by row and then in column order. */
function invalidImport(problems: ImportProblem[], columns: readonly Column[]) {
  const position = (column: string) => columns.findIndex((c) => c.header === column);
  return transferErrors.invalid(
    [...problems].sort((a, b) => a.row - b.row || position(a.column) - position(b.column)),
  );
}

/**
 * A rule the service enforced while writing a row, as that row's problem; the column is the one
 * the error's field maps to. Anything but a client error (4xx AppError) is rethrown.
 */
function rowProblemOf(error: unknown, row: number, columnOf: (field: string) => string): ImportProblem {
  if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
  return { row, column: columnOf(error.field ?? ''), message: error.message };
}

/** Write a header and rows as xlsx (one sheet, header frozen and filterable) or as CSV with a BOM. */
async function writeTable(
  format: TransferFormat,
  sheetName: string,
  columns: readonly Column[],
  rows: AsyncIterable<CellValue[]>,
): Promise<Buffer> {
  if (format === 'csv') {
    const records: string[][] = [columns.map((column) => column.header)];
    for await (const row of rows) records.push(row.map((cell) => guardFormula(String(cell))));
    // The BOM makes Excel read the file as UTF-8 rather than the system code page.
    return Buffer.from(`\uFEFF${writeCsv(records)}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yiwang 一网通办';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: { alignment: { vertical: 'top', wrapText: true } },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for await (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Pages of a keyset-ordered listing, until a short page. */
async function* pages<T>(fetch: (after: string) => Promise<T[]>, key: (row: T) => string) {
  let after = '';
  for (;;) {
    const page = await fetch(after);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < EXPORT_PAGE_SIZE) return;
    after = key(last);
  }
}

function exportFile(format: TransferFormat, name: string, localName: string, body: Buffer): ExportFile {
  // Dated in China (Asia/Shanghai).
  const date = chinaDate().replaceAll('-', '');
  return {
    filename: `${name}-${date}.${format}`,
    localFilename: `${localName}-${date}.${format}`,
    contentType: format === 'xlsx' ? XLSX_MEDIA_TYPE : `${CSV_MEDIA_TYPE}; charset=utf-8`,
    body,
  };
}

// ---------------------------------------------------------------------------------------------
// Labels: codes in the database, Chinese in the file

type Level = BasicItem['levels'][number];

/** 行使层级 */
const LEVEL_LABELS: Record<Level, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

const LIST_SEPARATOR = '、';

/** Code for a label (or for the code itself); the text as given when it is neither. */
function codeOf<T extends string>(labels: Record<T, string>, text: string): string {
  const entry = Object.entries<string>(labels).find(([code, label]) => label === text || code === text);
  return entry ? entry[0] : text;
}

const splitList = (text: string) =>
  text
    .split(/[、\r\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** 设定依据 as one line each: 《title》article：text (a title already in 《》 is not wrapped again). */
function formatLegalBasis(bases: readonly LegalBasis[]): string {
  return bases
    .map((basis) => {
      const title = /^《.*》$/s.test(basis.title) ? basis.title : `《${basis.title}》`;
      return `${title}${basis.article}：${basis.text}`;
    })
    .join('\n');
}

/**
 * Parse 设定依据 cells: each basis starts on a line beginning with 《; lines that do not are the
 * continuation of the text before them (article texts may have several paragraphs).
 */
function parseLegalBasis(text: string): { bases: LegalBasis[]; problems: string[] } {
  const chunks: string[] = [];
  const problems: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trimStart().startsWith('《')) chunks.push(line.trimStart());
    else if (chunks.length > 0) chunks[chunks.length - 1] += `\n${line}`;
    else if (line.trim() !== '') problems.push(`“${line.trim()}”前缺少《法律法规名称》`);
  }
  const bases: LegalBasis[] = [];
  chunks.forEach((chunk, index) => {
    const match = /^(《[^》]+》)([^：:\n]*)[：:]([\s\S]*)$/.exec(chunk);
    if (!match) {
      problems.push(
        `第 ${index + 1} 条格式应为“《法律法规名称》条款：条文内容”，如《中华人民共和国行政许可法》第十二条：……`,
      );
      return;
    }
    bases.push({ title: match[1] ?? '', article: (match[2] ?? '').trim(), text: (match[3] ?? '').trim() });
  });
  return { bases, problems };
}

// ---------------------------------------------------------------------------------------------
// 基本目录

type BasicItemField = keyof BasicItem;

const BASIC_ITEM_COLUMNS: readonly (ImportColumn & { field: BasicItemField })[] = [
  { header: '基本编码', field: 'basicCode', required: true, width: 16 },
  { header: '事项名称', field: 'name', required: true, width: 32 },
  { header: '事项类型', field: 'type', required: true, width: 14 },
  { header: '主管部门', field: 'competentSector', required: true, width: 18 },
  { header: '实施主体', field: 'implementingSector', required: true, width: 18 },
  { header: '行使层级', field: 'levels', required: true, width: 18 },
  { header: '设定依据', field: 'legalBasis', required: true, width: 60 },
  { header: '主项编码', field: 'parentCode', required: false, width: 16 },
  { header: '别名', field: 'aliases', required: false, width: 24 },
];

const headerOf = (field: string) =>
  BASIC_ITEM_COLUMNS.find((column) => column.field === field)?.header ?? '基本编码';

function basicItemCells(item: BasicItem): CellValue[] {
  return [
    item.basicCode,
    item.name,
    ITEM_TYPES[item.type],
    SECTORS[item.competentSector],
    SECTORS[item.implementingSector],
    item.levels.map((level) => LEVEL_LABELS[level]).join(LIST_SEPARATOR),
    formatLegalBasis(item.legalBasis),
    item.parentCode ?? '',
    item.aliases.join(LIST_SEPARATOR),
  ];
}

/** Export the basic catalogue (基本目录), one row per item in code order. */
export async function exportBasicItems(db: Db, format: TransferFormat): Promise<ExportFile> {
  async function* rows() {
    for await (const page of pages(
      (after) => repo.listBasicItemsAfter(db, after, EXPORT_PAGE_SIZE),
      (row) => row.basicCode,
    )) {
      for (const row of page) {
        yield basicItemCells({
          basicCode: row.basicCode,
          name: row.name,
          type: row.type as ItemType,
          competentSector: row.competentSector as Sector,
          implementingSector: row.implementingSector as Sector,
          levels: row.levels,
          legalBasis: row.legalBasis,
          ...(row.parentCode ? { parentCode: row.parentCode } : {}),
          aliases: row.aliases,
        });
      }
    }
  }
  const body = await writeTable(format, '基本目录', BASIC_ITEM_COLUMNS, rows());
  return exportFile(format, 'catalogue-basic-items', '基本目录', body);
}

/** A row of an import file read as a basic item, or the problems that stop it from being one. */
export interface BasicItemImportRow {
  row: number;
  /** As written, to check duplicates and references even when the row has other problems. */
  basicCode: string;
  parentCode: string;
  /** Present when the row passed every check that needs no database. */
  item?: BasicItem;
}

/** Rows of an import file read as basic items, and the problems found without the database. */
export interface BasicItemImport {
  rows: BasicItemImportRow[];
  problems: ImportProblem[];
}

const allowed = (labels: Record<string, string>) => Object.values(labels).join('、');

/** A message in Chinese for a schema violation of one column. */
function schemaMessage(
  field: BasicItemField,
  error: { keyword: string; instancePath: string; params: object },
  value: unknown,
): string {
  const params = error.params as { limit?: number };
  const path = error.instancePath.split('/').filter(Boolean);
  const index = Number(path[1] ?? 0) + 1;
  switch (field) {
    case 'basicCode':
    case 'parentCode':
      return `“${String(value)}”不是有效的编码：应为 4～12 位数字或大写英文字母`;
    case 'name':
      return '事项名称应为 2～100 个字';
    case 'type':
      return `“${String(value)}”不是有效的事项类型，可填：${allowed(ITEM_TYPES)}`;
    case 'competentSector':
    case 'implementingSector':
      return `“${String(value)}”不是有效的条线，可填：${allowed(SECTORS)}`;
    case 'levels': {
      if (error.keyword === 'minItems') return '至少填写一个行使层级';
      const level = Array.isArray(value) ? value[index - 1] : value;
      return `“${String(level)}”不是有效的行使层级，可填：${allowed(LEVEL_LABELS)}（多个用“、”分隔）`;
    }
    case 'legalBasis': {
      if (path.length < 2) return '至少填写一条设定依据';
      const part = path[2] === 'title' ? '法律法规名称' : path[2] === 'article' ? '条款' : '条文内容';
      return `第 ${index} 条设定依据缺少${part}`;
    }
    case 'aliases': {
      const alias = Array.isArray(value) ? value[index - 1] : value;
      return error.keyword === 'maxLength'
        ? `别名“${String(alias)}”超过 ${params.limit ?? 50} 个字`
        : '别名不能为空';
    }
  }
}

/**
 * Read the rows of a basic-catalogue file: map Chinese labels back to codes and check each row
 * against the BasicItem schema, naming row and column of every problem. Needs no database.
 */
export function parseBasicItemTable(table: Table): BasicItemImport {
  const { problems, table: checked } = checkTable(table, BASIC_ITEM_COLUMNS);
  if (!checked) return { rows: [], problems };

  const rows = checked.rows.map((tableRow): BasicItemImportRow => {
    const text = (header: string) => checked.text(tableRow, header);
    const rowProblems = checked.requiredProblems(tableRow);
    const report = (column: string, message: string) =>
      rowProblems.push({ row: tableRow.row, column, message });
    const legal = parseLegalBasis(text('设定依据'));
    for (const message of legal.problems) report('设定依据', `设定依据${message}`);
    const parentCode = text('主项编码');
    const candidate: Partial<Record<BasicItemField, unknown>> = {
      basicCode: text('基本编码'),
      name: text('事项名称'),
      type: codeOf(ITEM_TYPES, text('事项类型')),
      competentSector: codeOf(SECTORS, text('主管部门')),
      implementingSector: codeOf(SECTORS, text('实施主体')),
      levels: [...new Set(splitList(text('行使层级')).map((level) => codeOf(LEVEL_LABELS, level)))],
      legalBasis: legal.bases,
      ...(parentCode === '' ? {} : { parentCode }),
      aliases: splitList(text('别名')),
    };
    // A column already reported (empty, unparseable) is not reported again by the schema.
    const reported = new Set(rowProblems.map((problem) => problem.column));
    for (const error of Value.Errors(BasicItem, candidate)) {
      const field = error.instancePath.split('/')[1] as BasicItemField | undefined;
      if (!field) continue;
      const column = headerOf(field);
      if (reported.has(column)) continue;
      const message = schemaMessage(field, error, candidate[field]);
      if (!rowProblems.some((problem) => problem.column === column && problem.message === message)) {
        report(column, message);
      }
    }
    problems.push(...rowProblems);
    return {
      row: tableRow.row,
      basicCode: text('基本编码'),
      parentCode,
      ...(rowProblems.length === 0 ? { item: candidate as BasicItem } : {}),
    };
  });
  return { rows, problems };
}

/** Read an uploaded basic-catalogue file (xlsx or CSV). Throws CATALOGUE_IMPORT_UNREADABLE. */
export async function readBasicItemFile(file: ImportFile): Promise<BasicItemImport> {
  return parseBasicItemTable(await readTable(file));
}

/**
 * Problems only the whole file and the database show: a code twice in the file, a code already in
 * the catalogue, a 主项 neither in the catalogue nor in the file, 主项 references in a circle.
 */
async function referenceProblems(db: Db, rows: readonly BasicItemImportRow[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const codes = [...new Set(rows.map((row) => row.basicCode).filter((code) => code !== ''))];
  const parents = [...new Set(rows.map((row) => row.parentCode).filter((code) => code !== ''))];
  const existing = new Set(
    (await repo.findBasicItems(db, [...new Set([...codes, ...parents])])).map((row) => row.basicCode),
  );
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (row.basicCode === '') continue;
    const first = firstRow.get(row.basicCode);
    if (first !== undefined) {
      problems.push({
        row: row.row,
        column: '基本编码',
        message: `基本编码 ${row.basicCode} 与第 ${first} 行重复`,
      });
    } else {
      firstRow.set(row.basicCode, row.row);
      if (existing.has(row.basicCode)) {
        problems.push({
          row: row.row,
          column: '基本编码',
          message: `基本编码 ${row.basicCode} 已存在于基本目录`,
        });
      }
    }
  }
  const parentInFile = new Map(rows.map((row) => [row.basicCode, row.parentCode]));
  for (const row of rows) {
    if (row.parentCode === '') continue;
    if (row.parentCode === row.basicCode) {
      problems.push({ row: row.row, column: '主项编码', message: '主项编码不能是事项自身的编码' });
    } else if (!existing.has(row.parentCode) && !parentInFile.has(row.parentCode)) {
      problems.push({
        row: row.row,
        column: '主项编码',
        message: `主项 ${row.parentCode} 既不在基本目录中，也不在本文件中`,
      });
    } else {
      // Follow the 主项 chain within the file: it must leave the file or end, not come back.
      const seen = new Set([row.basicCode]);
      let code: string | undefined = row.parentCode;
      while (code && parentInFile.has(code) && !seen.has(code)) {
        seen.add(code);
        code = parentInFile.get(code);
      }
      if (code && seen.has(code)) {
        problems.push({ row: row.row, column: '主项编码', message: '主项关系形成了循环' });
      }
    }
  }
  return problems;
}

/** Items in an order that creates every 主项 in the file before its 子项; otherwise file order. */
function parentsFirst(rows: readonly (BasicItemImportRow & { item: BasicItem })[]) {
  const byCode = new Map(rows.map((row) => [row.basicCode, row]));
  const ordered: (BasicItemImportRow & { item: BasicItem })[] = [];
  const placed = new Set<string>();
  const place = (row: BasicItemImportRow & { item: BasicItem }) => {
    if (placed.has(row.basicCode)) return;
    placed.add(row.basicCode);
    const parent = byCode.get(row.parentCode);
    if (parent) place(parent);
    ordered.push(row);
  };
  for (const row of rows) place(row);
  return ordered;
}

/**
 * Import basic items read from a file: all of them or none. Every problem of every row is
 * reported at once (CATALOGUE_IMPORT_INVALID); otherwise each item is created through
 * createBasicItem in the caller's transaction, so each gets its audit record.
 */
export async function importBasicItems(
  tx: Tx,
  context: RequestContext,
  file: BasicItemImport,
): Promise<{ imported: number; created: { row: number; code: string; name: string }[] }> {
  const problems = [...file.problems, ...(await referenceProblems(tx, file.rows))];
  const valid = file.rows.filter((row): row is BasicItemImportRow & { item: BasicItem } => !!row.item);
  if (problems.length > 0 || valid.length !== file.rows.length) {
    throw invalidImport(problems, BASIC_ITEM_COLUMNS);
  }
  for (const row of parentsFirst(valid)) {
    try {
      await createBasicItem(tx, context, row.item);
    } catch (error) {
      // Another administrator may have created the same code since the checks above.
      const problem = rowProblemOf(error, row.row, (field) => headerOf(field.replace(/^body\./, '')));
      throw transferErrors.invalid([problem]);
    }
  }
  const created = valid
    .map((row) => ({ row: row.row, code: row.item.basicCode, name: row.item.name }))
    .sort((a, b) => a.row - b.row);
  return { imported: valid.length, created };
}

// ---------------------------------------------------------------------------------------------
// 实施清单

const ENTRY_COLUMNS: readonly Column[] = [
  { header: '实施编码', width: 36 },
  { header: '基本编码', width: 16 },
  { header: '事项名称', width: 32 },
  { header: '行政区划代码', width: 14 },
  { header: '实施部门', width: 28 },
  { header: '版本', width: 6 },
  { header: '状态', width: 8 },
  { header: '办件类型', width: 10 },
  { header: '法定办结时限', width: 14 },
  { header: '承诺办结时限', width: 14 },
  { header: '到现场次数', width: 10 },
  { header: '网办深度', width: 16 },
  { header: '是否收费', width: 8 },
  { header: '服务对象', width: 14 },
  { header: '申请材料', width: 60 },
];

const STATUS_LABELS: Record<repo.EntryExportRow['status'], string> = {
  draft: '草稿',
  published: '已发布',
  retired: '已废止',
};
const HANDLING_TYPE_LABELS = { immediate: '即办件', promised: '承诺件' } as const;
const ONLINE_DEPTH_LABELS = {
  1: '一级（网上咨询）',
  2: '二级（表格下载）',
  3: '三级（网上预审）',
  4: '四级（全程网办）',
} as const;
const AUDIENCE_LABELS = { person: '自然人', enterprise: '法人' } as const;

type Guide = repo.EntryExportRow['guide'];
const timeLimitText = (limit: Guide['legalTimeLimit']) =>
  limit.kind === 'immediate' ? '即办' : `${limit.days}个工作日`;

/**
 * Export the implementation lists (实施清单): one row per entry with its published version, or its
 * draft when nothing is published yet, or else its latest retired version. Rows are read a page at
 * a time; the file itself is built in memory (fine for tens of thousands of rows — an exceljs
 * streaming writer can take over when the catalogue outgrows that).
 */
export async function exportEntries(
  db: Db,
  format: TransferFormat,
  scope: { regionCodes?: readonly string[]; departmentIds?: readonly string[] } = {},
): Promise<ExportFile> {
  async function* rows() {
    for await (const page of pages(
      (after) => repo.listEntriesForExport(db, after, EXPORT_PAGE_SIZE, scope),
      (row) => row.implementationCode,
    )) {
      const departments = await org.departmentsByIds(
        db,
        page.map((row) => row.departmentId),
      );
      for (const row of page) {
        const { guide } = row;
        yield [
          row.implementationCode,
          row.basicCode,
          row.name,
          row.regionCode,
          departments.get(row.departmentId)?.name ?? '',
          row.version,
          STATUS_LABELS[row.status],
          HANDLING_TYPE_LABELS[guide.handlingType],
          timeLimitText(guide.legalTimeLimit),
          timeLimitText(guide.promisedTimeLimit),
          guide.visits,
          ONLINE_DEPTH_LABELS[guide.onlineDepth],
          guide.fee.charged ? '是' : '否',
          guide.audiences.map((audience) => AUDIENCE_LABELS[audience]).join(LIST_SEPARATOR),
          row.materialNames.join(LIST_SEPARATOR),
        ];
      }
    }
  }
  const body = await writeTable(format, '实施清单', ENTRY_COLUMNS, rows());
  return exportFile(format, 'catalogue-entries', '实施清单', body);
}

// ---------------------------------------------------------------------------------------------
// 实施清单 import: roll items out to implementing departments, copying a template entry

const ENTRY_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { header: '基本编码', required: true, width: 16 },
  { header: '实施部门统一社会信用代码', required: true, width: 24 },
  { header: '行政区划代码', required: true, width: 14 },
  { header: '实施编码序号', required: false, width: 12 },
  { header: '参照实施编码', required: true, width: 36 },
  { header: '是否发布', required: false, width: 10 },
];
const DEPARTMENT_COLUMN = '实施部门统一社会信用代码';
const REGION_COLUMN = '行政区划代码';
const SERIAL_COLUMN = '实施编码序号';
const TEMPLATE_COLUMN = '参照实施编码';
const PUBLISH_COLUMN = '是否发布';
/** GB/T 2260 (6 digits) or 统计用区划代码 (12 digits), as CreateEntryBody takes it. */
const REGION_CODE = /^([0-9]{6}|[0-9]{12})$/;

/** A row of an entries import file, as written (trimmed; the credit code in upper case). */
export interface EntryImportRow {
  row: number;
  basicCode: string;
  creditCode: string;
  regionCode: string;
  /** The digit between credit code and basic code in the 实施编码 ('0' when the cell is empty). */
  serial: string;
  templateCode: string;
  publish: boolean;
}

/** Rows of an entries import file, and the problems found without the database. */
export interface EntryImport {
  rows: EntryImportRow[];
  problems: ImportProblem[];
}

/**
 * Read the rows of an entries import file: required cells, 行政区划代码 of 6 or 12 digits,
 * 实施编码序号 one digit (default 0), 是否发布 是 or 否 (default 否). Needs no database.
 */
export function parseEntryTable(table: Table): EntryImport {
  const { problems, table: checked } = checkTable(table, ENTRY_IMPORT_COLUMNS);
  if (!checked) return { rows: [], problems };
  const rows = checked.rows.map((tableRow): EntryImportRow => {
    const text = (header: string) => checked.text(tableRow, header);
    const report = (column: string, message: string) => problems.push({ row: tableRow.row, column, message });
    problems.push(...checked.requiredProblems(tableRow));
    const regionCode = text(REGION_COLUMN);
    if (regionCode !== '' && !REGION_CODE.test(regionCode)) {
      report(REGION_COLUMN, `“${regionCode}”不是有效的行政区划代码：应为 6 位或 12 位数字`);
    }
    const serial = text(SERIAL_COLUMN) || '0';
    if (!/^[0-9]$/.test(serial)) report(SERIAL_COLUMN, `“${serial}”不是有效的实施编码序号：应为一位数字`);
    const publish = text(PUBLISH_COLUMN) || '否';
    if (publish !== '是' && publish !== '否') report(PUBLISH_COLUMN, `“${publish}”无效，可填：是、否`);
    return {
      row: tableRow.row,
      basicCode: text('基本编码'),
      creditCode: text(DEPARTMENT_COLUMN).toUpperCase(),
      regionCode,
      serial,
      templateCode: text(TEMPLATE_COLUMN),
      publish: publish === '是',
    };
  });
  return { rows, problems };
}

/** Read an uploaded entries import file (xlsx or CSV). Throws CATALOGUE_IMPORT_UNREADABLE. */
export async function readEntryFile(file: ImportFile): Promise<EntryImport> {
  return parseEntryTable(await readTable(file));
}

/** The content a template entry passes on: its published version, else its draft. */
type Template = { entry: repo.EntryRow; content: EntryContentInput } | { problem: string };

async function loadTemplate(tx: Tx, context: RequestContext, code: string): Promise<Template> {
  const entry = await repo.findEntryByCode(tx, code);
  if (!entry) return { problem: `参照实施编码 ${code} 不存在` };
  const published = await repo.findVersionByStatus(tx, entry.id, 'published');
  const version = published ?? (await repo.findVersionByStatus(tx, entry.id, 'draft'));
  if (!version) return { problem: `参照事项 ${code} 没有已发布或草稿版本可供复制` };
  if (!published) {
    // A published guide is public; a draft only its administrators may read.
    try {
      await assertEntryInScope(tx, context, entry, 'body');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { problem: `参照事项 ${code} 尚未发布，其草稿不可复制：${error.message}` };
    }
  }
  const { guide, materials, form, process, handlingItems } = version.content;
  return {
    entry,
    content: {
      guide,
      materials,
      form,
      process,
      // The new entry numbers its handling items after its own 实施编码.
      handlingItems: handlingItems.map(({ name, kind }) => ({ name, kind })),
    },
  };
}

/**
 * Problems only the database and the whole file show: unknown basic items, departments and
 * templates; a department of another region; a template of another item; the same 实施编码 twice
 * in the file or already registered; a department outside the caller's scope.
 */
async function entryReferenceProblems(tx: Tx, context: RequestContext, rows: readonly EntryImportRow[]) {
  const problems: ImportProblem[] = [];
  const report = (row: EntryImportRow, column: string, message: string) =>
    problems.push({ row: row.row, column, message });
  const basicItems = new Map(
    (await repo.findBasicItems(tx, [...new Set(rows.map((row) => row.basicCode))])).map((item) => [
      item.basicCode,
      item,
    ]),
  );
  const departments = await org.departmentsByCreditCodes(
    tx,
    rows.map((row) => row.creditCode),
  );
  const templates = new Map<string, Template>();
  for (const code of new Set(rows.map((row) => row.templateCode))) {
    if (code !== '') templates.set(code, await loadTemplate(tx, context, code));
  }
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (row.basicCode !== '' && !basicItems.has(row.basicCode)) {
      report(row, '基本编码', `基本编码 ${row.basicCode} 不在基本目录中`);
    }
    const department = departments.get(row.creditCode);
    if (row.creditCode !== '' && !department) {
      report(row, DEPARTMENT_COLUMN, `统一社会信用代码为 ${row.creditCode} 的部门不存在`);
    }
    const regionValid = REGION_CODE.test(row.regionCode);
    if (department && regionValid && department.regionCode !== row.regionCode) {
      report(
        row,
        REGION_COLUMN,
        `实施部门“${department.name}”属于${department.regionName}（${department.regionCode}），与行政区划代码 ${row.regionCode} 不一致`,
      );
    } else if (department && regionValid) {
      try {
        await assertEntryInScope(tx, context, { regionCode: row.regionCode, departmentId: department.id });
      } catch (error) {
        problems.push(rowProblemOf(error, row.row, () => DEPARTMENT_COLUMN));
      }
    }
    const template = templates.get(row.templateCode);
    if (template && 'problem' in template) {
      report(row, TEMPLATE_COLUMN, template.problem);
    } else if (template && row.basicCode !== '' && template.entry.basicCode !== row.basicCode) {
      report(
        row,
        TEMPLATE_COLUMN,
        `参照事项 ${row.templateCode} 的基本编码为 ${template.entry.basicCode}，与本行的 ${row.basicCode} 不一致`,
      );
    }
    if (row.basicCode === '' || row.creditCode === '' || !/^[0-9]$/.test(row.serial)) continue;
    const implementationCode = `${row.creditCode}${row.serial}${row.basicCode}`;
    const first = firstRow.get(implementationCode);
    if (first !== undefined) {
      report(
        row,
        SERIAL_COLUMN,
        `实施编码 ${implementationCode} 与第 ${first} 行重复（同一部门、序号和基本编码）`,
      );
    } else {
      firstRow.set(implementationCode, row.row);
      if (await repo.findEntryByCode(tx, implementationCode)) {
        report(row, SERIAL_COLUMN, `实施编码 ${implementationCode} 已存在，请换一个实施编码序号`);
      }
    }
  }
  return { problems, basicItems, departments, templates };
}

/** The column of an entries file that a field of createEntry or publishEntry stands for. */
function entryColumnOf(field: string): string {
  if (field === 'body.keyElements.basicCode') return '基本编码';
  if (field === 'body.regionCode') return REGION_COLUMN;
  if (field === 'body.serial') return SERIAL_COLUMN;
  if (field.startsWith('body.content')) return TEMPLATE_COLUMN;
  if (field.startsWith('params.')) return PUBLISH_COLUMN;
  // The other key elements are the basic item's own; only the department can deviate.
  return DEPARTMENT_COLUMN;
}

/** What the service's error says about a row, with what it expected when that helps. */
function entryRowProblem(error: unknown, row: number): ImportProblem {
  const problem = rowProblemOf(error, row, entryColumnOf);
  const details = (error as AppError).details ?? {};
  if (typeof details.expected === 'string' && typeof details.actual === 'string') {
    problem.message += `：应为${details.expected}，实为${details.actual}`;
  }
  if (Array.isArray(details.violations)) {
    const violations = details.violations as { message: string }[];
    problem.message += `：${violations.map((violation) => violation.message).join('；')}（内容复制自参照事项）`;
  }
  return problem;
}

/**
 * Import implementation entries (实施清单), all or none: each row registers an entry of a basic
 * item for a department with the content of a template entry, and publishes it when asked. Every
 * problem the file and the database show is reported at once (CATALOGUE_IMPORT_INVALID); then
 * each entry is created through createEntry (六要素, level, scope, audit) and published through
 * publishEntry (quality rules) in the caller's transaction. What those refuse is reported as the
 * row's problem, for every row, and the caller's transaction must then roll back: the error is
 * thrown.
 */
export async function importEntries(
  tx: Tx,
  context: RequestContext,
  file: EntryImport,
): Promise<{
  imported: number;
  published: number;
  created: { row: number; code: string; name: string; published: boolean }[];
}> {
  // A bad header leaves no rows to check further.
  if (file.rows.length === 0) throw invalidImport(file.problems, ENTRY_IMPORT_COLUMNS);
  const checked = await entryReferenceProblems(tx, context, file.rows);
  const problems = [...file.problems, ...checked.problems];
  if (problems.length > 0) throw invalidImport(problems, ENTRY_IMPORT_COLUMNS);

  let published = 0;
  const created: { row: number; code: string; name: string; published: boolean }[] = [];
  for (const row of file.rows) {
    const basic = checked.basicItems.get(row.basicCode);
    const department = checked.departments.get(row.creditCode);
    const template = checked.templates.get(row.templateCode);
    if (!basic || !department || !template || 'problem' in template) {
      throw new Error(`import row ${row.row} passed the checks unresolved`);
    }
    try {
      const entryId = await createEntry(tx, context, {
        keyElements: {
          name: basic.name,
          basicCode: basic.basicCode,
          type: basic.type as ItemType,
          competentSector: basic.competentSector as Sector,
          departmentId: department.id,
          legalBasis: basic.legalBasis,
        },
        regionCode: row.regionCode,
        serial: row.serial,
        content: template.content,
      });
      if (row.publish) {
        await publishEntry(tx, context, entryId);
        published += 1;
      }
      created.push({
        row: row.row,
        code: `${row.creditCode}${row.serial}${row.basicCode}`,
        name: basic.name,
        published: row.publish,
      });
    } catch (error) {
      // The service refuses before it writes, so the transaction stays usable for the other rows.
      problems.push(entryRowProblem(error, row.row));
    }
  }
  if (problems.length > 0) throw invalidImport(problems, ENTRY_IMPORT_COLUMNS);
  return { imported: file.rows.length, published, created };
}
