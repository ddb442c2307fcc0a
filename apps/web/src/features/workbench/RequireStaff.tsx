import { StopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useMe } from '../../auth/auth';
import { RequireLogin } from '../../auth/RequireLogin';
import { ButtonLink } from '../../shared/ButtonLink';
import { ErrorState } from '../../shared/ErrorState';
import { PageSkeleton } from '../../shared/PageSkeleton';
import { holdsAny } from './staff';

function StaffGate({ permissions, children }: { permissions: readonly string[]; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!holdsAny(me.data, permissions)) {
    return (
      <section className="page-section error-state" aria-labelledby="forbidden-heading">
        <title>无权访问 - 一网通办</title>
        <StopOutlined className="error-state-icon" aria-hidden="true" />
        <h1 id="forbidden-heading" className="result-heading">
          无权访问
        </h1>
        <p className="result-text">
          此页面仅供具有相应岗位权限的工作人员使用。如需开通，请联系本单位系统管理员分配角色。
        </p>
        <div className="error-state-actions">
          <ButtonLink to="/" type="primary">
            返回首页
          </ButtonLink>
        </div>
      </section>
    );
  }
  return children;
}

/**
 * Route guard of the workbench and the console: a signed-in staff member holding one of
 * `permissions` (staff sign in with a password and a TOTP code on the unified login pages).
 */
export function RequireStaff({
  permissions,
  children,
}: {
  permissions: readonly string[];
  children: ReactNode;
}) {
  return (
    <RequireLogin>
      <StaffGate permissions={permissions}>{children}</StaffGate>
    </RequireLogin>
  );
}
