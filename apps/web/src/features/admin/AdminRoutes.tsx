import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../shared/NotFoundPage';
import { AdminHome } from './AdminHome';
import { BasicItemsPage } from './BasicItemsPage';
import { CalendarPage } from './CalendarPage';
import { CataloguePage } from './CataloguePage';
import { ClientsPage } from './ClientsPage';
import { DepartmentsPage } from './DepartmentsPage';
import { EntryEditorPage } from './EntryEditorPage';
import { LicenceTypesPage } from './LicenceTypesPage';
import { StaffPage } from './StaffPage';
import { WebhooksPage } from './WebhooksPage';
import '../workbench/workbench.css';
import './admin.css';

/** 管理后台: the administration console; each page checks its own permission through the API. */
export function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      <Route path="catalogue" element={<CataloguePage />} />
      <Route path="catalogue/:code" element={<EntryEditorPage />} />
      <Route path="basic-items" element={<BasicItemsPage />} />
      <Route path="staff" element={<StaffPage />} />
      <Route path="clients" element={<ClientsPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="licences" element={<LicenceTypesPage />} />
      <Route path="departments" element={<DepartmentsPage />} />
      <Route path="webhooks" element={<WebhooksPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
