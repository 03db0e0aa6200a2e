'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False in the server's HTML and while the page hydrates; true once React runs it in the browser. */
function useInteractive(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A form's controls, disabled until the page is interactive. react-hook-form writes each field's
 * default value into its box as it registers the field, which happens as the page hydrates: words
 * typed into the server-rendered form before that were overwritten without a sign (an empty
 * default wipes the box). Disabled boxes take no typing until the form can keep it, and a script
 * that fills the form waits for them to be enabled. `display: contents` keeps the form's layout.
 */
export function InteractiveFieldset({ children }: { children: React.ReactNode }) {
  const ready = useInteractive();
  return (
    <fieldset disabled={!ready} aria-busy={!ready} className="contents">
      {children}
    </fieldset>
  );
}
