import { ComingSoon } from '../../shared/ComingSoon';

/** 我的办件: an applicant's own cases, once built. */
export function MyCasesPage() {
  return (
    <ComingSoon
      title="我的办件"
      description="办件查询正在建设中。上线后，您可以查看已申报事项的办理进度，按要求补正材料，并领取办理结果。"
    />
  );
}
