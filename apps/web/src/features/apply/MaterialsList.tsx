import { CheckCircleFilled, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Progress, Tag } from 'antd';
import { useRef, useState } from 'react';
import { apiSend, userMessageOf } from '../../api/client';
import type { CaseView, GuideMaterial } from '../../api/types';
import { MATERIAL_SOURCES, NECESSITY, SOURCE_CHANNELS } from '../../shared/labels';
import { isReusable } from '../services/GuidePage';
import { ACCEPTED_TYPES, uploadMaterial } from './upload';

/** Whether the applicant must provide a material before submitting. */
export function mustProvide(material: GuideMaterial): boolean {
  return material.necessity === 'required' && material.sourceChannel !== 'window_generated';
}

interface MaterialsListProps {
  caseView: CaseView;
  materials: GuideMaterial[];
  /** Only these keys (a correction notice); all when absent. */
  only?: string[];
  /** 容缺 commitments the applicant ticked, by material key. */
  deferred?: Record<string, boolean>;
  onDeferredChange?: (key: string, committed: boolean) => void;
}

/**
 * The materials of a case: upload each (with progress), or use an e-licence or shared data
 * instead where the material's source allows it (免提交), or commit to supply it later (容缺).
 */
export function MaterialsList({
  caseView,
  materials,
  only,
  deferred = {},
  onDeferredChange,
}: MaterialsListProps) {
  const shown = only ? materials.filter((m) => only.includes(m.key)) : materials;
  return (
    <ul className="materials-list">
      {shown.map((material) => (
        <MaterialRow
          key={material.key}
          caseView={caseView}
          material={material}
          committed={deferred[material.key] ?? false}
          onCommit={onDeferredChange}
          forceUpload={only !== undefined}
        />
      ))}
    </ul>
  );
}

function MaterialRow({
  caseView,
  material,
  committed,
  onCommit,
  forceUpload,
}: {
  caseView: CaseView;
  material: GuideMaterial;
  committed: boolean;
  onCommit?: ((key: string, committed: boolean) => void) | undefined;
  forceUpload: boolean;
}) {
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const provided = caseView.materials.find((m) => m.key === material.key)?.provided ?? null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['case', caseView.id] });

  const upload = useMutation({
    mutationFn: (file: File) =>
      uploadMaterial(`/api/v1/cases/${caseView.id}/materials/${material.key}`, file, setProgress),
    onSettled: () => setProgress(null),
    onSuccess: refresh,
  });
  const reuse = useMutation({
    mutationFn: () =>
      apiSend('post', '/api/v1/cases/{id}/materials/{key}/reuse', {
        path: { id: caseView.id, key: material.key },
      }),
    onSuccess: refresh,
  });
  const error = upload.error ?? reuse.error;
  const headingId = `material-${material.key}`;
  const reusable = isReusable(material);

  return (
    <li className="material-row" aria-labelledby={headingId} data-material={material.key}>
      <div className="material-row-head">
        <h3 id={headingId} className="material-title">
          {material.name}
        </h3>
        <Tag>{NECESSITY[material.necessity]}</Tag>
        <Tag>{SOURCE_CHANNELS[material.sourceChannel]}</Tag>
        {reusable ? <Tag color="green">可免提交</Tag> : null}
      </div>
      {material.condition ? <p className="muted">情形：{material.condition}</p> : null}
      {provided ? (
        <p className="material-provided" role="status">
          <CheckCircleFilled aria-hidden="true" /> {MATERIAL_SOURCES[provided.source] ?? provided.source}
          {provided.fileName ? `：${provided.fileName}` : ''}
          {provided.reference ? `（${provided.reference}）` : ''}
        </p>
      ) : material.sourceChannel === 'window_generated' ? (
        <p className="muted">由窗口根据您填写的申请表生成，无需提交。</p>
      ) : null}
      {material.sourceChannel !== 'window_generated' ? (
        <div className="material-actions">
          {reusable && !forceUpload ? (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={reuse.isPending}
              onClick={() => reuse.mutate()}
              type={provided ? 'default' : 'primary'}
              ghost={!provided}
            >
              {material.sourceChannel === 'shared_data' ? '使用共享数据' : '使用电子证照'}
            </Button>
          ) : null}
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPTED_TYPES}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-upload={material.key}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload.mutate(file);
              event.target.value = '';
            }}
          />
          <Button
            icon={<UploadOutlined />}
            loading={upload.isPending}
            onClick={() => fileInput.current?.click()}
          >
            {provided ? '重新上传' : '上传文件'}
            <span className="visually-hidden">：{material.name}</span>
          </Button>
          {material.necessity === 'deferrable' && !provided && onCommit ? (
            <Checkbox checked={committed} onChange={(event) => onCommit(material.key, event.target.checked)}>
              容缺承诺：暂缺此材料，我承诺在受理后
              {material.deferralWorkingDays ? ` ${material.deferralWorkingDays} 个工作日内` : '规定期限内'}
              补交
            </Checkbox>
          ) : null}
        </div>
      ) : null}
      {progress !== null ? (
        <Progress percent={progress} size="small" aria-label={`${material.name}上传进度`} />
      ) : null}
      {error ? <Alert type="error" showIcon title={userMessageOf(error)} /> : null}
    </li>
  );
}
