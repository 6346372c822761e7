import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useClient } from '../../../app/query/clientContext.js';
import { saveFile } from '../../../lib/saveFile.js';
import { notifyError } from '../../../lib/notifyError.js';

/**
 * Downloads the report's self-contained report.html through the host, so it works where the
 * workspace is on another machine (browser mode) as well as in the app.
 */
export function DownloadHtmlButton({ id }: { id: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const download = async (): Promise<void> => {
    setBusy(true);
    try {
      const { fileName, html } = await client.call('drift.reportHtml', { id });
      saveFile(html, fileName, 'text/html');
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={14} />}
      loading={busy}
      onClick={() => void download()}
      data-testid="drift-report-download-html"
    >
      Download HTML
    </Button>
  );
}
