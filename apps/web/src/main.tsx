import 'antd/dist/reset.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installAuth } from './auth/auth';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element to mount the app into');
}

installAuth();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
