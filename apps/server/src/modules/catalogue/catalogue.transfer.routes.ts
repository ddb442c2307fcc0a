import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { ErrorBody } from '../../platform/errors.js';
import { cataloguePermissions } from './catalogue.policy.js';
import { entryScopeFilter } from './catalogue.service.js';
import {
  CSV_MEDIA_TYPE,
  type ExportFile,
  exportBasicItems,
  exportEntries,
  type ImportFile,
  importBasicItems,
  importEntries,
  readBasicItemFile,
  readEntryFile,
  transferErrors,
  XLSX_MEDIA_TYPE,
} from './catalogue.transfer.js';

/** Uploads larger than this are refused (413) before they are read. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  422: ErrorBody,
};
const manage = { permission: cataloguePermissions.manage };

const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], {
        default: 'xlsx',
        description: 'xlsx (Excel) or csv (UTF-8 with BOM, RFC 4180)',
      }),
    ),
  },
  { additionalProperties: false },
);

const EntryExportQuery = Type.Object(
  {
    ...ExportQuery.properties,
    region: Type.Optional(
      Type.String({ pattern: '^([0-9]{6}|[0-9]{12})$', description: '该行政区划及其下级的事项' }),
    ),
    department: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

/** A file download, described for OpenAPI; the reply is a Buffer, which Fastify sends as is. */
const fileResponse = (description: string) =>
  Type.Unsafe<Buffer>({
    description,
    content: {
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
    },
  });

/**
 * The uploaded file, described for OpenAPI. The content-type parsers below hand the handler an
 * ImportFile; the empty schemas let it through validation.
 */
const fileBody = Type.Unsafe<unknown>({
  description: 'The spreadsheet itself as the request body (first sheet of an xlsx; header in row 1)',
  content: {
    [XLSX_MEDIA_TYPE]: { schema: { description: 'Excel workbook (.xlsx)' } },
    [CSV_MEDIA_TYPE]: { schema: { description: 'CSV, UTF-8 (BOM optional) or GB18030' } },
  },
});

const ImportResult = Type.Object(
  {
    imported: Type.Integer(),
    created: Type.Array(
      Type.Object(
        { row: Type.Integer(), code: Type.String(), name: Type.String() },
        { additionalProperties: false },
      ),
      { description: 'the items created, by row of the file (header = row 1)' },
    ),
  },
  { additionalProperties: false },
);
const EntryImportResult = Type.Object(
  {
    imported: Type.Integer({ description: 'entries registered' }),
    published: Type.Integer({ description: 'of these, entries published' }),
    created: Type.Array(
      Type.Object(
        { row: Type.Integer(), code: Type.String(), name: Type.String(), published: Type.Boolean() },
        { additionalProperties: false },
      ),
      { description: 'the entries registered (实施编码), by row of the file (header = row 1)' },
    ),
  },
  { additionalProperties: false },
);

/** Options of the transfer routes. */
export interface CatalogueTransferOptions {
  /** Called after an import changed what the public sees (published guides), e.g. to clear a cache. */
  onChanged?: () => void;
}

function isImportFile(body: unknown): body is ImportFile {
  return typeof body === 'object' && body !== null && Buffer.isBuffer((body as ImportFile).data);
}

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.localFilename)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.body);
}

/**
 * Bulk import and export of the catalogue (批量导入导出) for catalogue administrators. Its own
 * encapsulated context: the only request bodies it parses are xlsx and CSV files; anything else
 * is refused with 415.
 */
export async function catalogueTransferRoutes(
  fastify: FastifyInstance,
  options: CatalogueTransferOptions = {},
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['catalogue admin 事项管理'];
  const db = () => app.database.db;

  app.removeAllContentTypeParsers();
  for (const [mediaType, format] of [
    [XLSX_MEDIA_TYPE, 'xlsx'],
    [CSV_MEDIA_TYPE, 'csv'],
  ] as const) {
    app.addContentTypeParser(
      mediaType,
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, data, done) => done(null, { format, data: data as Buffer } satisfies ImportFile),
    );
  }

  app.get(
    '/catalogue/export/basic-items',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Export the basic catalogue (基本目录) as xlsx or CSV',
        description:
          'Columns: 基本编码, 事项名称, 事项类型, 主管部门, 实施主体, 行使层级, 设定依据, 主项编码, 别名 — ' +
          'labels in Chinese; lists separated by 、; one legal basis per line as 《名称》条款：条文. ' +
          'The file can be imported again.',
        querystring: ExportQuery,
        produces: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE],
        response: { 200: fileResponse('基本目录 (attachment)'), ...errors },
      },
    },
    async (request, reply) => sendFile(reply, await exportBasicItems(db(), request.query.format ?? 'xlsx')),
  );

  app.get(
    '/catalogue/export/entries',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          'Export the implementation lists (实施清单) in the caller’s scope as xlsx or CSV, optionally of one region subtree or department',
        description:
          'One row per entry with its published version (else its draft, else its latest retired version): ' +
          '实施编码, 基本编码, 事项名称, 行政区划代码, 实施部门, 版本, 状态, 办件类型, 法定办结时限, 承诺办结时限, ' +
          '到现场次数, 网办深度, 是否收费, 服务对象, 申请材料.',
        querystring: EntryExportQuery,
        produces: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE],
        response: { 200: fileResponse('实施清单 (attachment)'), ...errors },
      },
    },
    async (request, reply) => {
      const { format, region, department } = request.query;
      const scope = await entryScopeFilter(db(), contextOf(request), { region, department });
      return sendFile(reply, await exportEntries(db(), format ?? 'xlsx', scope));
    },
  );

  app.post(
    '/catalogue/import/basic-items',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Import basic-catalogue items (基本目录) from xlsx or CSV: all rows or none',
        description:
          'The file is the request body, in the export format. Every row is checked (schema, labels, ' +
          'duplicate and existing codes, 主项 in the catalogue or the file); any problem refuses the whole ' +
          'file with 422 CATALOGUE_IMPORT_INVALID and details.rows = [{ row, column, message }] (header = ' +
          'row 1). An unreadable file is 400 CATALOGUE_IMPORT_UNREADABLE.',
        consumes: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE],
        body: fileBody,
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => {
      if (!isImportFile(request.body)) throw transferErrors.unreadable('文件为空');
      const file = await readBasicItemFile(request.body);
      return withTransaction(db(), (tx) => importBasicItems(tx, contextOf(request), file));
    },
  );

  app.post(
    '/catalogue/import/entries',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          'Import implementation entries (实施清单) from xlsx or CSV, copying template entries: all rows or none',
        description:
          'Columns: 基本编码, 实施部门统一社会信用代码, 行政区划代码, 实施编码序号 (one digit, default 0), ' +
          '参照实施编码 (an entry of the same basic item whose published content, else its draft, is copied; ' +
          'handling items are numbered anew), 是否发布 (是/否, default 否). Each row registers an entry as ' +
          'POST /catalogue/entries does (six key elements, level, audit) and publishes it when asked (quality ' +
          'rules). Every problem is reported at once with 422 CATALOGUE_IMPORT_INVALID and details.rows = ' +
          "[{ row, column, message }], including rows outside the caller's scope, and nothing is written.",
        consumes: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE],
        body: fileBody,
        response: { 200: EntryImportResult, ...errors },
      },
    },
    async (request) => {
      if (!isImportFile(request.body)) throw transferErrors.unreadable('文件为空');
      const file = await readEntryFile(request.body);
      const result = await withTransaction(db(), (tx) => importEntries(tx, contextOf(request), file));
      if (result.published > 0) options.onChanged?.();
      return result;
    },
  );
}
