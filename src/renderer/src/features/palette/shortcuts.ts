/** The primary modifier as this platform's keyboards name it. */
export function commandKeyLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}

export interface Shortcut {
  /** The keys, each shown as one key cap; alternatives are separate entries of `keys`. */
  readonly keys: readonly string[];
  readonly does: string;
}

export interface ShortcutSection {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** Every keyboard shortcut of the window, as the `?` list shows them. */
export function shortcutSections(command: string): ShortcutSection[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        {
          keys: [`${command} K`],
          does: 'Command palette: go to a task, run or runner, new task, quick capture',
        },
        { keys: ['?'], does: 'This list of shortcuts' },
        {
          keys: ['Esc'],
          does: 'Back from a task, run or review page (after closing a dialog or leaving a field)',
        },
      ],
    },
    {
      title: 'Queue',
      shortcuts: [
        { keys: ['N'], does: 'New task, typing its title' },
        { keys: ['/'], does: 'Search the tasks' },
        { keys: ['↑', '↓', '←', '→'], does: 'Move between cards (the first arrow goes to the first card)' },
        { keys: ['Home', 'End'], does: 'First or last card of a lane' },
        { keys: ['Page Up', 'Page Down'], does: 'A screenful up or down a lane' },
        { keys: ['Enter'], does: 'Open the task' },
      ],
    },
    {
      title: 'Command palette',
      shortcuts: [
        { keys: ['↑', '↓'], does: 'Choose' },
        { keys: ['Enter'], does: 'Go, or do it' },
        { keys: ['Tab'], does: 'Quick capture: complete the project' },
        { keys: ['Shift Enter'], does: 'Quick capture: add to the backlog without running' },
        { keys: ['Backspace'], does: 'In an empty field: back to the commands' },
        { keys: ['Esc'], does: 'Close' },
      ],
    },
    {
      title: 'Forms',
      shortcuts: [
        { keys: ['Enter'], does: 'Save, from a one-line field' },
        { keys: [`${command} Enter`], does: 'Save, from a text area' },
        { keys: ['/'], does: 'Reviews: the pull request URL field' },
      ],
    },
  ];
}
