import type { Project } from '@shared/contract';

export interface ProjectSidebarProps {
  projects: readonly Project[];
  openCounts: ReadonlyMap<string, number>;
  selectedId: string | null;
  onSelect(projectId: string | null): void;
  onAdd(): void;
}

export function ProjectSidebar({ projects, openCounts, selectedId, onSelect, onAdd }: ProjectSidebarProps) {
  const total = [...openCounts.values()].reduce((sum, n) => sum + n, 0);
  return (
    <nav className="project-list" aria-label="Projects">
      <div className="section-heading">
        <h2>Projects</h2>
        <button type="button" className="button button-small" onClick={onAdd}>
          Add project
        </button>
      </div>
      <ul>
        <li>
          <button
            type="button"
            className="project-item"
            aria-pressed={selectedId === null}
            onClick={() => onSelect(null)}
          >
            <span className="project-name">All projects</span>
            <span className="count" aria-label={`${total} open`}>
              {total}
            </span>
          </button>
        </li>
        {projects.map((project) => {
          const open = openCounts.get(project.id) ?? 0;
          return (
            <li key={project.id}>
              <button
                type="button"
                className="project-item"
                aria-pressed={selectedId === project.id}
                onClick={() => onSelect(project.id)}
              >
                <span className="project-name">{project.name}</span>
                <span className="count" aria-label={`${open} open`}>
                  {open}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
