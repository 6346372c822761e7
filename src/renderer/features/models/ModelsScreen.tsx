import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconFolderOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { navigate } from '../../app/navigation/route.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { ModelDetail } from './detail/ModelDetail.js';
import { ModelList } from './list/ModelList.js';
import { normalizeModelPath, rememberModel } from './list/recentModels.js';
import classes from './ModelsScreen.module.css';

/** Models: the models opened lately on the left; the open one (Overview, Graph, Check) on the right. */
export function ModelsScreen({ path }: { path: string | undefined }) {
  const [recent, setRecent] = useLocalStorage<string[]>({ key: 'mlw-models-recent', defaultValue: [] });
  const [draft, setDraft] = useState('');

  useEffect(() => {
    if (path !== undefined) setRecent((list) => (list[0] === path ? list : rememberModel(list, path)));
  }, [path, setRecent]);

  const open = () => {
    const target = normalizeModelPath(draft);
    if (target) navigate({ section: 'models', item: target });
  };

  const pathForm = (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        open();
      }}
      style={{ display: 'flex', gap: 6 }}
    >
      <TextInput
        w={320}
        placeholder="models/resnet50.onnx"
        aria-label="Model path in the workspace"
        value={draft}
        onChange={(event) => setDraft(event.currentTarget.value)}
        data-testid="model-path"
      />
      <Button
        type="submit"
        leftSection={<IconFolderOpen size={14} />}
        disabled={!draft.trim()}
        data-testid="model-open"
      >
        Open
      </Button>
    </form>
  );

  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Models">{pathForm}</ScreenHeader>
      <div className={classes.split}>
        <aside className={classes.list}>
          <ModelList
            recent={recent}
            selected={path}
            onForget={(p) => setRecent((list) => list.filter((item) => item !== p))}
          />
        </aside>
        <section className={classes.main}>
          {path !== undefined ? (
            <ModelDetail key={path} path={path} />
          ) : (
            <Stack p="md" gap="xs" h="100%" justify="center" align="center" data-testid="models-start">
              <Text size="sm" fw={500}>
                Open an ONNX model
              </Text>
              <Text size="xs" c="dimmed" ta="center" maw={420}>
                Type its path inside the workspace above (for example models/mnist.onnx) and press Enter. You
                see its signature, operators and weights, its graph, and what a structural check finds.
              </Text>
            </Stack>
          )}
        </section>
      </div>
    </Stack>
  );
}
