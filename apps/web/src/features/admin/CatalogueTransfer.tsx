import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Radio, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, userMessageOf } from '../../api/client';
import { useT } from '../../shared/i18n';
import { Panel } from '../../shared/Panel';
import { downloadFile, mediaTypeOf, uploadFile } from './admin.transfer';

interface Created {
  row: number;
  code: string;
  name: string;
  published?: boolean;
}
interface ImportResult {
  imported: number;
  published?: number;
  created: Created[];
}
interface RowProblem {
  row: number;
  column: string;
  message: string;
}

type Kind = 'entries' | 'basic-items';

/**
 * 导入导出: the entries in the caller's scope (narrowed by the list's region and department) and the
 * basic catalogue as xlsx or CSV; an import is all or nothing, and its report lists every row
 * created or every problem with its row and column.
 */
export function CatalogueTransfer({ region, department }: { region?: string; department?: string }) {
  const t = useT();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const exporting = useMutation({
    mutationFn: (kind: Kind) => {
      const query = new URLSearchParams({ format });
      if (kind === 'entries' && region) query.set('region', region);
      if (kind === 'entries' && department) query.set('department', department);
      return downloadFile(
        `/api/v1/catalogue/export/${kind}?${query}`,
        `${kind === 'entries' ? '实施清单' : '基本目录'}.${format}`,
      );
    },
  });
  const importing = useMutation({
    mutationFn: ({ kind, file }: { kind: Kind; file: File }) => {
      if (!mediaTypeOf(file)) {
        throw new ApiError(415, {
          code: 'CATALOGUE_IMPORT_FILE_TYPE',
          message: `“${file.name}”不是 xlsx 或 CSV 文件，请选择导出的表格或按其格式填写的文件`,
        });
      }
      return uploadFile<ImportResult>(`/api/v1/catalogue/import/${kind}`, file);
    },
  });
  const picker = (kind: Kind, label: string) => (
    <Upload
      accept=".xlsx,.csv"
      showUploadList={false}
      beforeUpload={(file) => {
        importing.mutate({ kind, file });
        return false;
      }}
    >
      <Button loading={importing.isPending && importing.variables?.kind === kind}>{label}</Button>
    </Upload>
  );
  const problems = importProblemsOf(importing.error);
  return (
    <Panel title={t('admin.catalogue.transfer')}>
      <Space wrap>
        <Radio.Group
          aria-label="文件格式"
          value={format}
          onChange={(event) => setFormat(event.target.value)}
          options={[
            { value: 'xlsx', label: 'Excel (xlsx)' },
            { value: 'csv', label: 'CSV' },
          ]}
        />
        <Button
          onClick={() => exporting.mutate('entries')}
          loading={exporting.isPending && exporting.variables === 'entries'}
        >
          {t('admin.catalogue.exportEntries')}
        </Button>
        <Button
          onClick={() => exporting.mutate('basic-items')}
          loading={exporting.isPending && exporting.variables === 'basic-items'}
        >
          {t('admin.catalogue.exportBasic')}
        </Button>
      </Space>
      <p className="admin-hint">
        导出范围为您管理的事项{region || department ? '，并按上方所选行政区划和部门筛选' : ''}。
        导入实施清单的列：基本编码、实施部门统一社会信用代码、行政区划代码、实施编码序号、参照实施编码、是否发布；
        导入时全部行通过检查才会写入。
      </p>
      <Space wrap>
        {picker('entries', t('admin.catalogue.importEntries'))}
        {picker('basic-items', t('admin.catalogue.importBasic'))}
      </Space>
      {exporting.isError ? (
        <Alert
          className="top-gap"
          type="error"
          showIcon
          title={`导出失败：${userMessageOf(exporting.error)}`}
        />
      ) : null}
      <div aria-live="polite">
        {importing.isSuccess ? <ImportReport result={importing.data} /> : null}
        {importing.isError ? (
          <div className="top-gap" data-testid="import-error">
            <Alert
              type="error"
              showIcon
              title={userMessageOf(importing.error)}
              description={
                importing.error instanceof ApiError && importing.error.requestId
                  ? `请求编号：${importing.error.requestId}`
                  : undefined
              }
            />
            {problems.length > 0 ? (
              <Table
                className="top-gap"
                size="small"
                rowKey={(problem) => `${problem.row}-${problem.column}-${problem.message}`}
                dataSource={problems}
                pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                scroll={{ x: 560 }}
                caption="导入问题（表头为第 1 行）"
                columns={[
                  { title: t('admin.col.row'), dataIndex: 'row', width: 70 },
                  { title: t('admin.col.column'), dataIndex: 'column', width: 180 },
                  { title: t('admin.col.problem'), dataIndex: 'message' },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </Panel>
  );
}

function importProblemsOf(error: unknown): RowProblem[] {
  if (!(error instanceof ApiError)) return [];
  const rows = (error.details as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as RowProblem[]) : [];
}

function ImportReport({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <div className="top-gap" data-testid="import-result">
      <Alert
        type="success"
        showIcon
        title={`${t('admin.catalogue.importResult')}：新增 ${result.imported} 项${
          result.published !== undefined ? `，其中发布 ${result.published} 项` : ''
        }`}
      />
      <Table
        className="top-gap"
        size="small"
        rowKey="code"
        dataSource={result.created}
        pagination={result.created.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 560 }}
        columns={[
          { title: t('admin.col.row'), dataIndex: 'row', width: 70 },
          { title: t('admin.col.code'), dataIndex: 'code' },
          { title: t('admin.col.name'), dataIndex: 'name' },
          ...(result.published !== undefined
            ? [
                {
                  title: t('admin.col.status'),
                  key: 'published',
                  render: (_: unknown, row: Created) => (row.published ? '已发布' : '草稿'),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
