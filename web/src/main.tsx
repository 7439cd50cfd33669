import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import './i18n';
import './lib/time';
import './styles.css';
import { setUnauthorizedHandler } from './api/client';
import { meKey } from './api/auth';
import { AppProviders } from './AppProviders';
import { queryClient } from './queryClient';
import { router } from './router';

// A 401 from any call but login / me: the session is gone (idle timeout, logout elsewhere).
setUnauthorizedHandler(() => {
  queryClient.setQueryData(meKey, null);
  if (window.location.pathname !== '/login') {
    const from = `${window.location.pathname}${window.location.search}`;
    void router.navigate('/login', { replace: true, state: { from } });
  }
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
