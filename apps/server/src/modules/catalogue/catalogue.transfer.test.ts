import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestApp, departmentsByKey, principalHeader, type TestApp } from '../../test/harness.js';
import { fixtureBasicItem, fixtureContent } from './catalogue.fixtures.js';
import type { BasicItem } from './catalogue.model.js';
import { parseCsv, writeCsv } from './catalogue.transfer.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const admin = principalHeader({ id: 'catalogue-admin', permissions: ['catalogue.manage'] });
const HEADER = [
  '基本编码',
  '事项名称',
  '事项类型',
  '主管部门',
  '实施主体',
  '行使层级',
  '设定依据',
  '主项编码',
  '别名',
];

/** A 主项 and its 子项, with two legal bases, several levels and aliases: everything a row can hold. */
const parent = fixtureBasicItem({
  basicCode: 'T10000000001',
  name: '食品经营许可（测试主项）',
  levels: ['city', 'county'],
  legalBasis: [
    fixtureBasicItem().legalBasis[0] as BasicItem['legalBasis'][number],
    {
      title: '《食品经营许可和备案管理办法》',
      article: '第二条',
      text: '在中华人民共和国境内从事食品销售和餐饮服务活动，应当依法取得食品经营许可。\n第二段：另有规定的除外。',
    },
  ],
  aliases: ['食品经营许可证', '办食品许可'],
});
const child = fixtureBasicItem({
  basicCode: 'T10000000002',
  name: '食品经营许可（测试子项）',
  type: 'filing',
  competentSector: 'market_regulation',
  implementingSector: 'health',
  levels: ['province'],
  parentCode: parent.basicCode,
  aliases: [],
});

async function workbookOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('基本目录');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function rowsOf(file: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text));
  });
  return rows;
}

describe('catalogue transfer: bulk import and export of the catalogue (xlsx and CSV)', () => {
  let t: TestApp;
  const departments: Record<string, { id: string; name: string }> = {};

  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
    for (const item of [parent, child]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/catalogue/basic-items',
        headers: admin,
        payload: item,
      });
      expect(response.statusCode).toBe(201);
    }
    Object.assign(departments, await departmentsByKey(t.app));
  });
  afterAll(() => t.close());

  const upload = (body: Buffer | string, contentType: string, headers: Record<string, string> = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/import/basic-items',
      headers: { ...headers, 'content-type': contentType },
      payload: body,
    });
  const download = (
    what: 'basic-items' | 'entries',
    format: 'xlsx' | 'csv',
    headers: Record<string, string> = admin,
  ) => t.app.inject({ method: 'GET', url: `/api/v1/catalogue/export/${what}?format=${format}`, headers });
  const basicItem = (code: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/catalogue/basic-items/${code}` });
  const auditRecords = async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(true);
    return result.records;
  };

  it('exports the basic catalogue as xlsx with Chinese headers and labels', async () => {
    const response = await download('basic-items', 'xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="catalogue-basic-items-\d{8}\.xlsx"; filename\*=UTF-8''/,
    );
    const rows = await rowsOf(response.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.find((row) => row[0] === parent.basicCode)).toEqual([
      parent.basicCode,
      parent.name,
      '行政许可',
      '市场监督管理',
      '市场监督管理',
      '市级、县级',
      '《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。从事食品销售和餐饮服务，应当依法取得许可。\n' +
        '《食品经营许可和备案管理办法》第二条：在中华人民共和国境内从事食品销售和餐饮服务活动，应当依法取得食品经营许可。\n第二段：另有规定的除外。',
      '',
      '食品经营许可证、办食品许可',
    ]);
    expect(rows.find((row) => row[0] === child.basicCode)?.slice(2, 8)).toEqual([
      '行政备案',
      '市场监督管理',
      '卫生健康',
      '省级',
      expect.stringMatching(/^《中华人民共和国食品安全法》第三十五条：/),
      parent.basicCode,
    ]);
  });

  it('round trip: an exported xlsx with new codes imports back to the same items, with audit records', async () => {
    const rows = await rowsOf((await download('basic-items', 'xlsx')).rawPayload);
    const ours = rows.filter((row) => row[0]?.startsWith('T1'));
    expect(ours).toHaveLength(2);
    // The 子项 first: its 主项 comes later in the file.
    const renamed = ours
      .reverse()
      .map((row) => row.map((cell, i) => (i === 0 || i === 7 ? cell.replace(/^T/, 'R') : cell)));
    const before = await auditRecords();
    const response = await upload(await workbookOf([HEADER, ...renamed]), XLSX);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 2 });
    expect((await basicItem('R10000000001')).json()).toEqual({ ...parent, basicCode: 'R10000000001' });
    expect((await basicItem('R10000000002')).json()).toEqual({
      ...child,
      basicCode: 'R10000000002',
      parentCode: 'R10000000001',
    });
    expect(await auditRecords()).toBe(before + 2);
  });

  it('a file with bad rows imports nothing and names the row and column of every problem', async () => {
    const good = [
      'B00000000001',
      '个体工商户登记（测试）',
      '行政许可',
      '市场监督管理',
      '市场监督管理',
      '县级',
      '《促进个体工商户发展条例》第八条：个体工商户登记。',
      '',
      '',
    ];
    const file = await workbookOf([
      HEADER,
      good,
      [
        'B00000000002',
        '个体工商户变更（测试）',
        '行政审批',
        '市场监督管理',
        '市场监督管理',
        '县级',
        '《促进个体工商户发展条例》第八条：变更。',
        '',
        '',
      ],
      [...good.slice(0, 1), '重复编码的事项', ...good.slice(2)],
      [
        'T10000000001',
        '已存在的事项',
        '行政许可',
        '工商',
        '市场监督管理',
        '区级',
        '没有书名号的依据',
        'X0000000009',
        '',
      ],
    ]);
    const before = await auditRecords();
    const response = await upload(file, XLSX);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body).toMatchObject({ code: 'CATALOGUE_IMPORT_INVALID', details: { field: 'body' } });
    expect(body.message).toMatch(/未导入任何数据/);
    expect(body.requestId).toEqual(expect.any(String));
    const problems = body.details.rows.map((p: { row: number; column: string }) => `${p.row}:${p.column}`);
    expect(problems).toEqual([
      '3:事项类型',
      '4:基本编码',
      '5:基本编码',
      '5:主管部门',
      '5:行使层级',
      '5:设定依据',
      '5:主项编码',
    ]);
    expect(body.details.rows[0].message).toMatch(/“行政审批”不是有效的事项类型，可填：行政许可、/);
    expect(body.details.rows[1].message).toBe('基本编码 B00000000001 与第 2 行重复');
    expect((await basicItem('B00000000001')).statusCode).toBe(404);
    expect((await basicItem('B00000000002')).statusCode).toBe(404);
    expect(await auditRecords()).toBe(before);
  });

  it('reports missing and unknown columns against the header row', async () => {
    const response = await upload(
      await workbookOf([
        ['基本编码', '事项名称', '备注'],
        ['B00000000003', '名称', ''],
      ]),
      XLSX,
    );
    expect(response.statusCode).toBe(422);
    const problems = response.json().details.rows;
    expect(problems).toContainEqual({ row: 1, column: '备注', message: '无法识别的列“备注”' });
    expect(problems).toContainEqual({ row: 1, column: '设定依据', message: '缺少必填列“设定依据”' });
    expect(problems.every((p: { row: number }) => p.row === 1)).toBe(true);
  });

  it('imports CSV: quoted fields with commas, quotes and line breaks; exports CSV with a BOM', async () => {
    const csv =
      `${HEADER.join(',')}\r\n` +
      'C00000000001,"个体工商户登记, ""测试""",行政许可,市场监督管理,市场监督管理,市级、县级,' +
      '"《促进个体工商户发展条例》第八条：第一段, 含""引号""\n第二段",,"个体户登记、办个体"\r\n';
    const response = await upload(csv, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1 });
    const item = (await basicItem('C00000000001')).json();
    expect(item.name).toBe('个体工商户登记, "测试"');
    expect(item.legalBasis).toEqual([
      { title: '《促进个体工商户发展条例》', article: '第八条', text: '第一段, 含"引号"\n第二段' },
    ]);
    expect(item.aliases).toEqual(['个体户登记', '办个体']);

    const exported = await download('basic-items', 'csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toMatch(
      /^attachment; filename="catalogue-basic-items-\d{8}\.csv"/,
    );
    expect(exported.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parseCsv(exported.rawPayload.subarray(3).toString('utf8'));
    expect(records[0]).toEqual(HEADER);
    const record = records.find((r) => r[0] === 'C00000000001');
    expect(record?.[6]).toBe('《促进个体工商户发展条例》第八条：第一段, 含"引号"\n第二段');

    // Round trip through CSV with a new code.
    const again = writeCsv([HEADER, (record ?? []).map((cell, i) => (i === 0 ? 'D00000000001' : cell))]);
    expect((await upload(`\uFEFF${again}`, 'text/csv')).json()).toMatchObject({ imported: 1 });
    expect((await basicItem('D00000000001')).json()).toEqual({ ...item, basicCode: 'D00000000001' });
  });

  it('CSV export neutralises cells Excel would run as formulas; import restores them', async () => {
    const name = '=HYPERLINK("http://example.com")事项';
    const item = fixtureBasicItem({ basicCode: 'F00000000001', name, aliases: ['-减号开头'] });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/basic-items',
      headers: admin,
      payload: item,
    });
    expect(created.statusCode).toBe(201);
    const records = parseCsv((await download('basic-items', 'csv')).rawPayload.subarray(3).toString('utf8'));
    const record = records.find((r) => r[0] === item.basicCode) ?? [];
    expect(record[1]).toBe(`'${name}`);
    expect(record[8]).toBe("'-减号开头");
    const again = writeCsv([HEADER, record.map((cell, i) => (i === 0 ? 'F00000000002' : cell))]);
    expect((await upload(again, 'text/csv')).statusCode).toBe(200);
    expect((await basicItem('F00000000002')).json()).toEqual({ ...item, basicCode: 'F00000000002' });
  });

  it('takes files above the general body limit, up to its own; refuses more rows than one import may hold', async () => {
    const row = `Z,${'名'.repeat(60)},行政许可,市场监督管理,市场监督管理,县级,《法》第一条：内容,,\r\n`;
    const tooMany = `${HEADER.join(',')}\r\n${row.repeat(5001)}`;
    expect(Buffer.byteLength(tooMany)).toBeGreaterThan(1024 * 1024);
    const response = await upload(tooMany, 'text/csv');
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CATALOGUE_IMPORT_TOO_MANY_ROWS');
    const huge = await upload(Buffer.alloc(9 * 1024 * 1024, 0x41), 'text/csv');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('REQUEST_BODY_TOO_LARGE');
  });

  it('imports and exports more rows than one export page (500) holds', async () => {
    const codes = Array.from({ length: 1100 }, (_, i) => `P${String(i).padStart(11, '0')}`);
    const rows = codes.map((code) => [
      code,
      `批量事项${code}`,
      '公共服务',
      '民政',
      '民政',
      '县级',
      '《法》第一条：内容',
      '',
      '',
    ]);
    const imported = await upload(writeCsv([HEADER, ...rows]), 'text/csv');
    expect(imported.json()).toMatchObject({ imported: 1100 });
    const records = parseCsv((await download('basic-items', 'csv')).rawPayload.subarray(3).toString('utf8'));
    expect(records.filter((r) => r[0]?.startsWith('P')).map((r) => r[0])).toEqual(codes);
    expect(new Set(records.map((r) => r[0])).size).toBe(records.length);
  });

  it('reads CSV saved by Excel as GB18030 (its "CSV" format on Chinese Windows)', async () => {
    // The header row in GBK bytes, and no data: the file is read, the header recognised.
    const gbk = Buffer.from(
      'bbf9b1beb1e0c2eb2ccac2cfeec3fbb3c62ccac2cfeec0e0d0cd2cd6f7b9dcb2bfc3c52ccab5caa9d6f7cce52cd0d0cab9b2e3bcb62cc9e8b6a8d2c0bedd2cd6f7cfeeb1e0c2eb2cb1f0c3fb0d0a',
      'hex',
    );
    const response = await upload(gbk, 'text/csv');
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CATALOGUE_IMPORT_EMPTY');
  });

  it('exports the implementation lists with the current version of each entry', async () => {
    const department = departments['xh-scjg'];
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/entries',
      headers: admin,
      payload: {
        keyElements: {
          name: parent.name,
          basicCode: parent.basicCode,
          type: parent.type,
          competentSector: parent.competentSector,
          departmentId: department?.id,
          legalBasis: parent.legalBasis,
        },
        regionCode: '330106',
        serial: '0',
        content: fixtureContent(),
      },
    });
    expect(created.statusCode).toBe(201);
    const { implementationCode } = created.json();
    for (const format of ['xlsx', 'csv'] as const) {
      const response = await download('entries', format);
      expect(response.statusCode).toBe(200);
      const rows =
        format === 'xlsx'
          ? await rowsOf(response.rawPayload)
          : parseCsv(response.rawPayload.subarray(3).toString('utf8'));
      expect(rows[0]).toEqual([
        '实施编码',
        '基本编码',
        '事项名称',
        '行政区划代码',
        '实施部门',
        '版本',
        '状态',
        '办件类型',
        '法定办结时限',
        '承诺办结时限',
        '到现场次数',
        '网办深度',
        '是否收费',
        '服务对象',
        '申请材料',
      ]);
      expect(rows.find((row) => row[0] === implementationCode)).toEqual([
        implementationCode,
        parent.basicCode,
        parent.name,
        '330106',
        department?.name,
        '1',
        '草稿',
        '承诺件',
        '20个工作日',
        '5个工作日',
        '0',
        '四级（全程网办）',
        '否',
        '法人、自然人',
        '食品经营许可申请书、营业执照、经营场所平面布局图',
      ]);
    }
  });

  it('refuses callers without catalogue.manage on every route', async () => {
    const citizen = principalHeader({ kind: 'person', permissions: [] });
    const csv = `${HEADER.join(',')}\r\n`;
    expect((await download('basic-items', 'xlsx', {})).statusCode).toBe(401);
    expect((await download('basic-items', 'csv', citizen)).statusCode).toBe(403);
    expect((await download('entries', 'xlsx', {})).statusCode).toBe(401);
    expect((await download('entries', 'csv', citizen)).statusCode).toBe(403);
    expect((await upload(csv, 'text/csv', {})).statusCode).toBe(401);
    const refused = await upload(csv, 'text/csv', citizen);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ACCESS_DENIED');
  });

  it('refuses other content types with 415, and unreadable files with 400, never a 500', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/import/basic-items',
      headers: admin,
      payload: { basicCode: 'X' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toEqual({
      code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect((await upload('a,b', 'application/vnd.ms-excel')).statusCode).toBe(415);

    const corrupt = await upload(randomBytes(4096), XLSX);
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json()).toMatchObject({ code: 'CATALOGUE_IMPORT_UNREADABLE', details: { field: 'body' } });
    const truncated = (await download('basic-items', 'xlsx')).rawPayload.subarray(0, 2000);
    expect((await upload(truncated, XLSX)).json().code).toBe('CATALOGUE_IMPORT_UNREADABLE');
    expect((await upload(Buffer.alloc(0), XLSX)).json().code).toBe('CATALOGUE_IMPORT_UNREADABLE');
    const unclosed = await upload(`${HEADER.join(',')}\r\nB1,"open quote\r\n`, 'text/csv');
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().code).toBe('CATALOGUE_IMPORT_UNREADABLE');
    const xlsxAsCsv = await upload(await workbookOf([HEADER]), 'text/csv');
    expect(xlsxAsCsv.json().code).toBe('CATALOGUE_IMPORT_UNREADABLE');
    expect((await upload(await workbookOf([HEADER]), XLSX)).json().code).toBe('CATALOGUE_IMPORT_EMPTY');
  });

  it('documents the routes in OpenAPI with their file media types', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const exportOp = spec.paths['/api/v1/catalogue/export/basic-items'].get;
    expect(Object.keys(exportOp.responses['200'].content)).toEqual([XLSX, 'text/csv']);
    expect(exportOp['x-access']).toBe('permission:catalogue.manage');
    const importOp = spec.paths['/api/v1/catalogue/import/basic-items'].post;
    expect(Object.keys(importOp.requestBody.content)).toEqual([XLSX, 'text/csv']);
    expect(importOp.responses['422']).toBeDefined();
  });
});

describe('CSV codec', () => {
  it('writes and reads back any records (RFC 4180)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\r', '\n', ' ', "'") });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (records) => {
        expect(parseCsv(writeCsv(records))).toEqual(records);
      }),
    );
  });

  it('accepts LF line ends and a missing final line break', () => {
    expect(parseCsv('a,b\n"c\r\nd",e')).toEqual([
      ['a', 'b'],
      ['c\r\nd', 'e'],
    ]);
  });
});

describe('catalogue transfer: bulk import of implementation entries (实施清单)', () => {
  const ENTRY_HEADER = [
    '基本编码',
    '实施部门统一社会信用代码',
    '行政区划代码',
    '实施编码序号',
    '参照实施编码',
    '是否发布',
  ];
  const item = fixtureBasicItem({
    basicCode: 'E00000000001',
    name: '小餐饮经营许可（推广测试）',
    levels: ['city', 'county'],
  });
  let t: TestApp;
  const departments: Record<string, { id: string; name: string; creditCode: string }> = {};
  /** 实施编码 of the published template entry of 西湖区. */
  let template: string;
  const creditCode = (key: string) => departments[key]?.creditCode ?? key;
  const codeFor = (key: string, serial: string) => `${creditCode(key)}${serial}${item.basicCode}`;

  const createEntry = async (key: string, regionCode: string, content = fixtureContent()) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/entries',
      headers: admin,
      payload: {
        keyElements: {
          name: item.name,
          basicCode: item.basicCode,
          type: item.type,
          competentSector: item.competentSector,
          departmentId: departments[key]?.id,
          legalBasis: item.legalBasis,
        },
        regionCode,
        serial: '0',
        content,
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; implementationCode: string };
  };
  const publish = async (id: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/catalogue/entries/${id}/publish`,
      headers: admin,
      payload: {},
    });
    expect(response.statusCode).toBe(200);
  };
  const upload = (body: Buffer | string, contentType: string, headers: Record<string, string> = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/import/entries',
      headers: { ...headers, 'content-type': contentType },
      payload: body,
    });
  const guide = (code: string, region?: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/items/${code}${region ? `?region=${region}` : ''}` });
  const auditRecords = async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(true);
    return result.records;
  };
  const problemsOf = (body: { details: { rows: { row: number; column: string }[] } }) =>
    body.details.rows.map((p) => `${p.row}:${p.column}`);

  beforeAll(async () => {
    t = await createTestApp({ config: { seedDemoData: true } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/basic-items',
      headers: admin,
      payload: item,
    });
    expect(created.statusCode).toBe(201);
    Object.assign(departments, await departmentsByKey(t.app));
    const entry = await createEntry('xh-scjg', '330106');
    await publish(entry.id);
    template = entry.implementationCode;
  });
  afterAll(() => t.close());

  it('rolls a template entry out to another county from xlsx, publishes it and clears the guide cache', async () => {
    // The city's entry serves 桐庐县 until the county has its own; the guide is now cached.
    const city = await createEntry('hz-scjg', '330100');
    await publish(city.id);
    expect((await guide(item.basicCode, '330122')).json().implementationCode).toBe(city.implementationCode);

    const before = await auditRecords();
    const file = await workbookOf([
      ENTRY_HEADER,
      [item.basicCode, creditCode('tl-scjg'), '330122', 0, template, '是'],
    ]);
    const response = await upload(file, XLSX);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1, published: 1 });

    const code = codeFor('tl-scjg', '0');
    const served = await guide(code);
    expect(served.statusCode).toBe(200);
    const body = served.json();
    const source = (await guide(template)).json();
    expect(body).toMatchObject({
      basicCode: item.basicCode,
      name: item.name,
      region: { code: '330122' },
      department: { id: departments['tl-scjg']?.id, creditCode: creditCode('tl-scjg') },
      guide: source.guide,
      materials: source.materials,
      form: source.form,
      process: source.process,
    });
    // Handling items are copied by name and kind, numbered after the new 实施编码.
    expect(body.handlingItems).toEqual(
      source.handlingItems.map((h: { name: string; kind: string }, i: number) => ({
        code: `${code}${String(i + 1).padStart(2, '0')}`,
        name: h.name,
        kind: h.kind,
      })),
    );
    expect((await guide(item.basicCode, '330122')).json().implementationCode).toBe(code);
    // One create and one publish record, on an intact chain.
    expect(await auditRecords()).toBe(before + 2);
  });

  it('imports CSV, as drafts when 是否发布 is empty, with the serial as given', async () => {
    const csv = writeCsv([
      ENTRY_HEADER,
      [item.basicCode, creditCode('tl-scjg').toLowerCase(), '330122', '2', template, ''],
    ]);
    const response = await upload(`\uFEFF${csv}`, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1, published: 0 });
    expect((await guide(codeFor('tl-scjg', '2'))).statusCode).toBe(404);
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalogue/export/entries?format=csv',
      headers: admin,
    });
    const record = parseCsv(exported.rawPayload.subarray(3).toString('utf8')).find(
      (r) => r[0] === codeFor('tl-scjg', '2'),
    );
    expect(record?.slice(1, 7)).toEqual([
      item.basicCode,
      item.name,
      '330122',
      departments['tl-scjg']?.name,
      '1',
      '草稿',
    ]);
  });

  it('a file with one bad row imports nothing and names its row and column', async () => {
    const before = await auditRecords();
    const file = await workbookOf([
      ENTRY_HEADER,
      [item.basicCode, creditCode('yz-scjg'), '330212', '0', template, '是'],
      [item.basicCode, '91330122MA00000000', '330122', '0', template, '是'],
    ]);
    const response = await upload(file, XLSX);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body).toMatchObject({ code: 'CATALOGUE_IMPORT_INVALID', details: { field: 'body' } });
    expect(body.details.rows).toEqual([
      {
        row: 3,
        column: '实施部门统一社会信用代码',
        message: '统一社会信用代码为 91330122MA00000000 的部门不存在',
      },
    ]);
    expect((await guide(codeFor('yz-scjg', '0'))).statusCode).toBe(404);
    expect(await auditRecords()).toBe(before);
  });

  it('reports what createEntry refuses (an implementing department of the wrong line) as the row’s problem', async () => {
    const before = await auditRecords();
    const file = await workbookOf([
      ENTRY_HEADER,
      [item.basicCode, creditCode('yz-scjg'), '330212', '0', template, '是'],
      [item.basicCode, creditCode('tl-gaj'), '330122', '0', template, '否'],
    ]);
    const response = await upload(file, XLSX);
    expect(response.statusCode).toBe(422);
    expect(response.json().details.rows).toEqual([
      {
        row: 3,
        column: '实施部门统一社会信用代码',
        message: `实施清单的实施主体与基本目录不一致（同一事项、同一标准、同一编码）：应为市场监督管理部门，实为${departments['tl-gaj']?.name}（公安）`,
      },
    ]);
    // Row 2 was created inside the transaction, and rolled back with it.
    expect((await guide(codeFor('yz-scjg', '0'))).statusCode).toBe(404);
    expect(await auditRecords()).toBe(before);
  });

  it('reports a template that fails the quality rules as the row’s problem when it is to be published', async () => {
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue/entries',
      headers: admin,
      payload: {
        keyElements: {
          name: item.name,
          basicCode: item.basicCode,
          type: item.type,
          competentSector: item.competentSector,
          departmentId: departments['xh-scjg']?.id,
          legalBasis: item.legalBasis,
        },
        regionCode: '330106',
        serial: '9',
        content: fixtureContent({ visits: 1 }),
      },
    });
    expect(draft.statusCode).toBe(201);
    const draftCode = draft.json().implementationCode;
    const row = (publish: string) => [
      item.basicCode,
      creditCode('yz-scjg'),
      '330212',
      '5',
      draftCode,
      publish,
    ];
    const refused = await upload(writeCsv([ENTRY_HEADER, row('是')]), 'text/csv');
    expect(refused.statusCode).toBe(422);
    const [problem] = refused.json().details.rows;
    expect(problem).toMatchObject({ row: 2, column: '参照实施编码' });
    expect(problem.message).toMatch(/^发布失败：有 2 项质量规则未通过：.*到办事现场次数必须为 0/);
    // As a draft, the same row is fine: the draft is the template's draft (it has nothing published).
    expect((await upload(writeCsv([ENTRY_HEADER, row('否')]), 'text/csv')).json()).toMatchObject({
      imported: 1,
      published: 0,
    });
  });

  it('checks every row against the catalogue, the organisation and the file before writing anything', async () => {
    const other = fixtureBasicItem({ basicCode: 'E00000000002', name: '另一事项（推广测试）' });
    const response = await upload(
      writeCsv([
        ENTRY_HEADER,
        // 2: department of 桐庐县 with the region of 西湖区; template of another item.
        [item.basicCode, creditCode('tl-scjg'), '330106', '7', template, '是'],
        // 3: unknown basic item, serial and 是否发布 not valid, region not a code.
        [other.basicCode, creditCode('lc-scjg'), '3301', '10', template, '可以'],
        // 4 and 5: the same 实施编码 twice; 6: one already registered.
        [item.basicCode, creditCode('lc-scjg'), '330302', '1', template, ''],
        [item.basicCode, creditCode('lc-scjg'), '330302', '1', template, ''],
        [item.basicCode, creditCode('tl-scjg'), '330122', '0', template, ''],
        // 7: empty required cells; unknown template.
        ['', '', '', '', 'X1234', ''],
      ]),
      'text/csv',
    );
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(problemsOf(body)).toEqual([
      '2:行政区划代码',
      '3:基本编码',
      '3:行政区划代码',
      '3:实施编码序号',
      '3:参照实施编码',
      '3:是否发布',
      '5:实施编码序号',
      '6:实施编码序号',
      '7:基本编码',
      '7:实施部门统一社会信用代码',
      '7:行政区划代码',
      '7:参照实施编码',
    ]);
    const messages = body.details.rows.map((p: { message: string }) => p.message);
    expect(messages).toContain(
      `实施编码 ${codeFor('lc-scjg', '1')} 与第 4 行重复（同一部门、序号和基本编码）`,
    );
    expect(messages).toContain('参照实施编码 X1234 不存在');
    expect(messages).toContain(
      `参照事项 ${template} 的基本编码为 ${item.basicCode}，与本行的 ${other.basicCode} 不一致`,
    );
    expect(messages.find((m: string) => m.startsWith('实施部门'))).toMatch(/属于桐庐县（330122）/);
  });

  it('refuses rows outside the caller’s scope as row problems, and callers without catalogue.manage', async () => {
    const xihu = principalHeader({ permissions: ['catalogue.manage'], scope: { regionCode: '330106' } });
    const file = writeCsv([
      ENTRY_HEADER,
      [item.basicCode, creditCode('xh-scjg'), '330106', '3', template, '否'],
      [item.basicCode, creditCode('tl-scjg'), '330122', '3', template, '否'],
    ]);
    const refused = await upload(file, 'text/csv', xihu);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.rows).toEqual([
      { row: 3, column: '实施部门统一社会信用代码', message: '该事项不在您管理的行政区划范围内' },
    ]);
    // Within the scope the same administrator may import.
    const own = writeCsv([
      ENTRY_HEADER,
      [item.basicCode, creditCode('xh-scjg'), '330106', '3', template, '是'],
    ]);
    expect((await upload(own, 'text/csv', xihu)).json()).toMatchObject({ imported: 1, published: 1 });

    const citizen = principalHeader({ kind: 'person', permissions: [] });
    expect((await upload(file, 'text/csv', {})).statusCode).toBe(401);
    const denied = await upload(file, 'text/csv', citizen);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('ACCESS_DENIED');
  });
});
