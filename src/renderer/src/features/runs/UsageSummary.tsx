import { useMemo } from 'react';
import type { Dispatch, Project } from '@shared/contract';
import { UsageFigure } from '@renderer/features/run/UsageFigure';
import { recentRuns, totalUsage, type UsageTotal } from '@renderer/features/run/run-usage';

const PERIODS = [7, 30] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

interface ProjectUsage {
  id: string;
  name: string;
  totals: UsageTotal[];
}

/**
 * What the agents used per project over the last 7 and 30 days (runs created in that time),
 * from the runs the window holds. Projects whose runs reported nothing in 30 days are left out.
 */
export function usageByProject(
  runs: readonly Dispatch[],
  projects: Readonly<Record<string, Project>>,
  now: number,
): ProjectUsage[] {
  const recent = recentRuns(runs, null, PERIODS.at(-1)!, now).filter((run) => run.usage !== null);
  const ids = [...new Set(recent.map((run) => run.projectId ?? ''))];
  return ids
    .map((id) => ({
      id,
      name: id === '' ? 'No project' : (projects[id]?.name ?? 'Deleted project'),
      totals: PERIODS.map((days) =>
        totalUsage(
          recent.filter(
            (run) => (run.projectId ?? '') === id && Date.parse(run.createdAt) >= now - days * DAY_MS,
          ),
        ),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A small table of usage per project over the last 7 and 30 days. */
export function UsageSummary({
  runs,
  projects,
  now,
}: {
  runs: readonly Dispatch[];
  projects: Readonly<Record<string, Project>>;
  now: number;
}) {
  const rows = useMemo(() => usageByProject(runs, projects, now), [runs, projects, now]);
  if (rows.length === 0) return null;
  return (
    <details className="runs-usage">
      <summary>Usage by project</summary>
      <table className="table runs-usage-table" aria-label="Usage by project">
        <thead>
          <tr>
            <th scope="col">Project</th>
            {PERIODS.map((days) => (
              <th scope="col" key={days}>
                Last {days} days
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              {row.totals.map((total, i) => (
                <td key={PERIODS[i]}>
                  {total.runs === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <UsageFigure usage={total} />{' '}
                      <span className="muted">
                        in {total.runs} {total.runs === 1 ? 'run' : 'runs'}
                      </span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
