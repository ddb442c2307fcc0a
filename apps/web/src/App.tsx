import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { HomePage } from './features/home/HomePage';
import { AppLayout } from './shared/AppLayout';
import { ErrorBoundary } from './shared/ErrorBoundary';
import { appTheme } from './shared/theme';

// The home page ships in the first bundle; every other area loads when first visited.
const ServicesPage = lazy(() =>
  import('./features/services/ServicesPage').then((module) => ({ default: module.ServicesPage })),
);
const MyCasesPage = lazy(() =>
  import('./features/my-cases/MyCasesPage').then((module) => ({ default: module.MyCasesPage })),
);
const WorkbenchPage = lazy(() =>
  import('./features/workbench/WorkbenchPage').then((module) => ({ default: module.WorkbenchPage })),
);
const NotFoundPage = lazy(() =>
  import('./shared/NotFoundPage').then((module) => ({ default: module.NotFoundPage })),
);

/** Retry only what may succeed on a second try: lost connections and server-side failures. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) {
    return false;
  }
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** The whole app: theme and locale, data cache, and routes. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme}>
      <ErrorBoundary fullPage>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="services" element={<ServicesPage />} />
                <Route path="my-cases" element={<MyCasesPage />} />
                <Route path="workbench" element={<WorkbenchPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </ErrorBoundary>
    </ConfigProvider>
  );
}
