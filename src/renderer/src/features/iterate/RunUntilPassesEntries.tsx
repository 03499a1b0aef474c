import { DEFAULT_MAX_ITERATIONS, shortCommand } from './iterate-form';

export interface RunUntilPassesEntriesProps {
  /** The project's default eval command ('' for none: only the dialog is offered). */
  evalCommand: string;
  /** Opens the dialog that asks for the eval command and the number of runs. */
  onChoose(): void;
  /** Starts at once with the default eval command and at most three runs. */
  onRunDefault(): void;
  disabled?: boolean;
  /** Menu items in the Run menu, buttons on the task page. */
  look: 'menu' | 'panel';
}

/**
 * The Run menu's "Run until the eval passes…", and "Run until `npm test` passes (max 3)" in one
 * click when the project has a default eval command.
 */
export function RunUntilPassesEntries({
  evalCommand,
  onChoose,
  onRunDefault,
  disabled,
  look,
}: RunUntilPassesEntriesProps) {
  const className = look === 'menu' ? 'menu-item' : 'button';
  const command = evalCommand.trim();
  return (
    <div className={`run-until-entries run-until-entries-${look}`}>
      {command ? (
        <button
          type="button"
          className={className}
          disabled={disabled}
          title={`Runs, then \`${command}\` in the worktree; while it fails, follow-ups with its output, ${DEFAULT_MAX_ITERATIONS} runs at most.`}
          onClick={onRunDefault}
        >
          <span>
            Run until <code>{shortCommand(command)}</code> passes (max {DEFAULT_MAX_ITERATIONS})
          </span>
        </button>
      ) : null}
      <button type="button" className={className} disabled={disabled} onClick={onChoose}>
        Run until the eval passes…
      </button>
    </div>
  );
}
