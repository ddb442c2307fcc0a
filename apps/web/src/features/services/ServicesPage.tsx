import { useSearchParams } from 'react-router';
import { ComingSoon } from '../../shared/ComingSoon';

/** 办事服务: the service catalogue and online application, once built. */
export function ServicesPage() {
  const [searchParams] = useSearchParams();
  const keyword = searchParams.get('q')?.trim();

  return (
    <ComingSoon
      title="办事服务"
      description="事项目录与在线申报正在建设中。上线后，您可以按主题、部门或地区查找政务服务事项，阅读办事指南并在线申报。"
    >
      {keyword ? <p className="result-text">您搜索的「{keyword}」将在事项搜索开放后为您查找。</p> : null}
    </ComingSoon>
  );
}
