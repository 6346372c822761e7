import '@mantine/core/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { Providers } from './app/Providers.js';
import { createQueryClient } from './app/query/queryClient.js';
import { connectToHost } from './lib/connect.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <Providers client={connectToHost()} queryClient={createQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
