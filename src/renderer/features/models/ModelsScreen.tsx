import { Button, Stack, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconFolderOpen, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { takeAddModelRequest, useAddModelRequested } from '../../app/navigation/addModelRequest.js';
import { navigate } from '../../app/navigation/route.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { ModelDetail } from './detail/ModelDetail.js';
import { modelItem, parseModelItem } from './list/modelItem.js';
import { ModelList } from './list/ModelList.js';
import { normalizeModelPath, rememberModel } from './list/recentModels.js';
import { AddModelDialog } from './registry/AddModelDialog.js';
import { showAddWarnings } from './registry/addWarnings.js';
import { ModelDropOverlay, ModelDropzone } from './registry/ModelDropzone.js';
import classes from '../../components/layout/ListDetailLayout.module.css';

/**
 * Models: the registry and the files opened lately on the left; the open model (Overview, Graph,
 * Check) on the right. Add registers a file; a path opens any .onnx file in the workspace.
 */
export function ModelsScreen({ item }: { item: string | undefined }) {
  const target = item === undefined ? undefined : parseModelItem(item);
  const [recent, setRecent] = useLocalStorage<string[]>({ key: 'mlw-models-recent', defaultValue: [] });
  const [draft, setDraft] = useState('');
  const [adding, setAdding] = useState<File | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const openedPath = target?.kind === 'path' ? target.path : undefined;
  useEffect(() => {
    if (openedPath !== undefined)
      setRecent((list) => (list[0] === openedPath ? list : rememberModel(list, openedPath)));
  }, [openedPath, setRecent]);

  // "Add model…" from the command palette opens the picker once this screen is up.
  const addRequested = useAddModelRequested();
  useEffect(() => {
    if (addRequested && takeAddModelRequest()) picker.current?.click();
  }, [addRequested]);

  const open = () => {
    const path = normalizeModelPath(draft);
    if (path) navigate({ section: 'models', item: modelItem({ kind: 'path', path }) });
  };

  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Models">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            open();
          }}
          style={{ display: 'flex', gap: 6 }}
        >
          <TextInput
            w={300}
            placeholder="Open a file: models/mnist.onnx"
            aria-label="Model file path in the workspace"
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            data-testid="model-path"
          />
          <Button
            type="submit"
            variant="default"
            leftSection={<IconFolderOpen size={14} />}
            disabled={!draft.trim()}
            data-testid="model-open"
          >
            Open
          </Button>
        </form>
        <Button
          leftSection={<IconPlus size={14} />}
          onClick={() => picker.current?.click()}
          data-testid="model-add"
        >
          Add model…
        </Button>
      </ScreenHeader>
      <input
        ref={picker}
        type="file"
        accept=".onnx"
        hidden
        data-testid="model-file-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) setAdding(file);
        }}
      />
      <div className={classes.split} data-list-shown>
        <aside className={classes.list}>
          <ModelList
            selected={target}
            recent={recent}
            onForget={(p) => setRecent((list) => list.filter((entry) => entry !== p))}
          />
        </aside>
        <section className={classes.main}>
          {target !== undefined ? (
            <ModelDetail key={modelItem(target)} target={target} />
          ) : (
            <Stack p="md" gap="sm" h="100%" justify="center" maw={640} mx="auto" data-testid="models-start">
              <ModelDropzone onFile={setAdding} />
            </Stack>
          )}
        </section>
      </div>
      {target !== undefined && <ModelDropOverlay onFile={setAdding} disabled={adding !== null} />}
      {adding && (
        <AddModelDialog
          file={adding}
          onClose={() => setAdding(null)}
          onAdded={(result) => {
            setAdding(null);
            showAddWarnings(result);
            navigate({
              section: 'models',
              item: modelItem({ kind: 'registry', name: result.name, version: result.version }),
            });
          }}
        />
      )}
    </Stack>
  );
}
