import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { RequireLogin } from './auth/RequireLogin';
import { HomePage } from './features/home/HomePage';
import { RequireStaff } from './features/workbench/RequireStaff';
import { ADMIN_PERMISSIONS, CASE_PERMISSIONS } from './features/workbench/staff';
import { AppLayout } from './shared/AppLayout';
import { ErrorBoundary } from './shared/ErrorBoundary';
import { LanguageProvider } from './shared/i18n';
import { appTheme } from './shared/theme';

/** A lazily loaded page: its code is fetched when the route is first visited. */
function page<K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

// The home page ships in the first bundle; every other area loads when first visited.
const ServicesPage = page(() => import('./features/services/ServicesPage'), 'ServicesPage');
const GuidePage = page(() => import('./features/services/GuidePage'), 'GuidePage');
const ApplyPage = page(() => import('./features/apply/ApplyPage'), 'ApplyPage');
const BundlePage = page(() => import('./features/apply/BundlePage'), 'BundlePage');
const MyCasesPage = page(() => import('./features/my-cases/MyCasesPage'), 'MyCasesPage');
const CasePage = page(() => import('./features/my-cases/CasePage'), 'CasePage');
const CaseLookupPage = page(() => import('./features/lookup/CaseLookupPage'), 'CaseLookupPage');
const MessagesPage = page(() => import('./features/messages/MessagesPage'), 'MessagesPage');
const WalletPage = page(() => import('./features/licences/WalletPage'), 'WalletPage');
const VerifyLicencePage = page(() => import('./features/licences/VerifyLicencePage'), 'VerifyLicencePage');
const AuthCallbackPage = page(() => import('./auth/AuthCallbackPage'), 'AuthCallbackPage');
const WorkbenchPage = page(() => import('./features/workbench/WorkbenchPage'), 'WorkbenchPage');
const CaseDeskPage = page(() => import('./features/workbench/CaseDeskPage'), 'CaseDeskPage');
const WindowPage = page(() => import('./features/workbench/WindowPage'), 'WindowPage');
const AdminRoutes = page(() => import('./features/admin/AdminRoutes'), 'AdminRoutes');
const NotFoundPage = page(() => import('./shared/NotFoundPage'), 'NotFoundPage');

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

const signedIn = (element: React.ReactNode) => <RequireLogin>{element}</RequireLogin>;
const staff = (permissions: readonly string[], element: React.ReactNode) => (
  <RequireStaff permissions={permissions}>{element}</RequireStaff>
);

/** The whole app: theme and locale, data cache, and routes. */
export function App() {
  return (
    <LanguageProvider theme={appTheme}>
      <ErrorBoundary fullPage>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="services" element={<ServicesPage />} />
                <Route path="services/:code" element={<GuidePage />} />
                <Route path="services/:code/apply" element={signedIn(<ApplyPage />)} />
                <Route path="bundles/:code" element={<BundlePage />} />
                <Route path="my-cases" element={signedIn(<MyCasesPage />)} />
                <Route path="my-cases/:id" element={signedIn(<CasePage />)} />
                <Route path="my-licences" element={signedIn(<WalletPage />)} />
                <Route path="my-messages" element={signedIn(<MessagesPage />)} />
                <Route path="licences/verify" element={<VerifyLicencePage />} />
                <Route path="case-lookup" element={<CaseLookupPage />} />
                <Route path="auth/callback" element={<AuthCallbackPage />} />
                <Route path="workbench" element={staff(CASE_PERMISSIONS, <WorkbenchPage />)} />
                <Route path="workbench/cases/:id" element={staff(CASE_PERMISSIONS, <CaseDeskPage />)} />
                <Route path="workbench/window" element={staff(['cases.window'], <WindowPage />)} />
                <Route path="admin/*" element={staff(ADMIN_PERMISSIONS, <AdminRoutes />)} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </ErrorBoundary>
    </LanguageProvider>
  );
}
