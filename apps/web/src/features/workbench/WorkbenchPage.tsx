import { ComingSoon } from '../../shared/ComingSoon';

/** 工作台: the staff workbench (window clerks, reviewers), once built. */
export function WorkbenchPage() {
  return (
    <ComingSoon
      title="工作台"
      description="工作人员工作台正在建设中。上线后，窗口人员和审批人员可以在这里受理、审查和办结办件，并随时掌握办理时限。"
    />
  );
}
