import { TaskDialog } from '@renderer/features/queue/TaskDialog';
import { useSortedProjects } from '@renderer/stores/projects';
import { useUiStore } from '@renderer/stores/ui';
import { CommandPalette } from './CommandPalette';
import { closeLayer, usePaletteStore } from './palette-store';
import { ShortcutsDialog } from './ShortcutsDialog';
import './palette.css';

/** Whatever the keyboard opened over the page: the palette, the shortcuts or a new task. */
export function PaletteLayer() {
  const layer = usePaletteStore((s) => s.layer);
  const projects = useSortedProjects();
  const queueProjectId = useUiStore((s) => s.queueProjectId);

  switch (layer?.kind) {
    case undefined:
      return null;
    case 'palette':
      return <CommandPalette mode={layer.mode} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={closeLayer} />;
    case 'new-task':
      return (
        <TaskDialog
          task={null}
          projects={projects}
          defaultProjectId={projects.some((p) => p.id === queueProjectId) ? queueProjectId : null}
          onClose={closeLayer}
        />
      );
  }
}
