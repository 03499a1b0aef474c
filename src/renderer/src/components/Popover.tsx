import {
  createContext,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type ToggleEvent,
} from 'react';

export interface PopoverProps {
  /** Names the popover for assistive technology. */
  label: string;
  /** What the button that opens and closes it shows. */
  triggerContent: ReactNode;
  triggerClassName: string;
  /** The trigger's accessible name, when its content is a symbol. */
  triggerLabel?: string;
  triggerTitle?: string;
  disabled?: boolean;
  /**
   * Rendered only while open. Focus starts on the element marked `data-autofocus`, else on the
   * first control; `usePopoverClose` inside gives the function that closes it.
   */
  children: ReactNode;
  className?: string;
}

const CloseContext = createContext<() => void>(() => {});

/** Inside a popover: hides it and gives focus back to its trigger. */
export function usePopoverClose(): () => void {
  return useContext(CloseContext);
}

/** Places the popover under its trigger, right-aligned, inside the window. */
function place(popover: HTMLElement, trigger: HTMLElement | null): void {
  if (!trigger) return;
  const anchor = trigger.getBoundingClientRect();
  const width = popover.offsetWidth;
  const height = popover.offsetHeight;
  const left = Math.min(Math.max(8, anchor.right - width), window.innerWidth - width - 8);
  const below = anchor.bottom + 4;
  const top = below + height > window.innerHeight - 8 ? Math.max(8, anchor.top - height - 4) : below;
  popover.style.left = `${left}px`;
  popover.style.top = `${top}px`;
}

/**
 * A small non-modal panel on the browser's popover API: it sits in the top layer (no clipping
 * by scrolling lanes), closes on Esc and on a click outside, and its trigger toggles it.
 */
export function Popover(props: PopoverProps) {
  const {
    label,
    triggerContent,
    triggerClassName,
    triggerLabel,
    triggerTitle,
    disabled,
    children,
    className,
  } = props;
  const id = useId();
  const triggerId = `${id}-trigger`;
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  // Hidden until placed: the browser shows it before its content renders. (React props, not
  // listeners added in an effect: a board mounts and unmounts dozens of these at a time.)
  const onBeforeToggle = useCallback((event: ToggleEvent<HTMLDivElement>) => {
    if (event.newState === 'open') delete event.currentTarget.dataset.placed;
  }, []);
  const onToggle = useCallback(
    (event: ToggleEvent<HTMLDivElement>) => setOpen(event.newState === 'open'),
    [],
  );

  // Placed once the content has rendered, so its size is known; then focus moves in.
  useLayoutEffect(() => {
    const popover = ref.current;
    if (!open || !popover) return;
    place(popover, document.getElementById(triggerId));
    popover.dataset.placed = '';
    const first = popover.querySelector<HTMLElement>(
      '[data-autofocus], select, input, button, a[href], [tabindex="0"]',
    );
    first?.focus();
    // Hidden with its page (the Queue is kept hidden behind others), it must not stay open,
    // unseen in the top layer, where the window's keys take it for a panel in use.
    return () => {
      if (popover.matches(':popover-open')) popover.hidePopover();
    };
  }, [open, triggerId]);

  const close = useCallback(() => {
    const popover = document.getElementById(id);
    if (popover?.matches(':popover-open')) popover.hidePopover();
    document.getElementById(triggerId)?.focus();
  }, [id, triggerId]);

  return (
    <>
      <button
        type="button"
        id={triggerId}
        className={triggerClassName}
        popoverTarget={id}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={triggerLabel}
        title={triggerTitle}
        disabled={disabled}
      >
        {triggerContent}
      </button>
      <div
        ref={ref}
        id={id}
        popover="auto"
        role="dialog"
        aria-label={label}
        className={`popover${className ? ` ${className}` : ''}`}
        onBeforeToggle={onBeforeToggle}
        onToggle={onToggle}
      >
        <CloseContext.Provider value={close}>{open ? children : null}</CloseContext.Provider>
      </div>
    </>
  );
}
