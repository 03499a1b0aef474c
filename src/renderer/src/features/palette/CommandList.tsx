import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fuzzyFilter } from './fuzzy';
import type { PaletteItem } from './palette-items';
import { usePaletteItems } from './use-palette-items';

/** Enough to find anything by typing; the rest is one more letter away. */
const MAX_SHOWN = 50;

/**
 * The palette's first view: a field that filters every action, page, task, run, review and runner
 * as it is typed; arrow keys choose, Enter goes.
 */
export function CommandList({ onChoose }: { onChoose(item: PaletteItem): void }) {
  const items = usePaletteItems();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const shown = useMemo(() => fuzzyFilter(items, query, MAX_SHOWN), [items, query]);
  const activeIndex = Math.min(active, shown.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;

  useLayoutEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    // optionId only depends on listId, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return;
    const count = shown.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + count) % count);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === 'PageDown' ? 8 : -8;
      setActive(Math.max(0, Math.min(count - 1, activeIndex + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = shown[activeIndex];
      if (item) onChoose(item);
    }
  }

  return (
    <>
      <input
        ref={input}
        className="palette-input"
        role="combobox"
        aria-label="Search commands, tasks, runs and runners"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        placeholder="Go to a task, run or runner, or do something…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" id={listId} role="listbox" aria-label="Results">
        {shown.map((item, index) => (
          <li
            key={item.key}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="palette-option"
            data-group={item.group}
            onMouseMove={() => {
              if (index !== activeIndex) setActive(index);
            }}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(item)}
          >
            <span className="palette-option-label">{item.label}</span>
            <span className="palette-option-detail">{item.detail}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="palette-empty">Nothing matches “{query.trim()}”.</p> : null}
    </>
  );
}
