import { Dialog } from '@renderer/components/Dialog';
import { commandKeyLabel, shortcutSections } from './shortcuts';

/** The `?` list: every shortcut of the window, by where it works. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const sections = shortcutSections(commandKeyLabel());
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} size="wide">
      <div className="shortcuts">
        {sections.map((section) => (
          <section key={section.title} className="shortcuts-section" aria-label={section.title}>
            <h3 className="shortcuts-title">{section.title}</h3>
            <dl className="shortcuts-list">
              {section.shortcuts.map((shortcut) => (
                <div key={`${shortcut.keys.join('+')}${shortcut.does}`} className="shortcuts-row">
                  <dt>
                    {shortcut.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
