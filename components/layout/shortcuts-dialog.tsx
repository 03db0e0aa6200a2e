'use client';

import { Dialog } from 'radix-ui';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';

/** Opens the shortcuts dialog from elsewhere (the user menu). */
export const SHORTCUTS_EVENT = 'portal:shortcuts';

const shortcuts = [
  ['Ctrl K  or  ⌘ K', 'Switch tenant (from anywhere, also while typing)'],
  ['?', 'Show this list'],
  ['g  then  o', 'Go to the overview'],
  ['/', 'Search the list on this page'],
  ['Esc', 'Close a dialog or menu; clear a table selection'],
] as const;

// A page's own keys (the ticket board's queue keys) join the list while the page is shown.
type Entry = readonly [keys: string, action: string];
let pageEntries: readonly Entry[] = [];
const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const none: readonly Entry[] = [];

/** Lists a page's own shortcuts in the "?" dialog while the calling component is mounted. */
export function usePageShortcuts(entries: readonly Entry[]) {
  useEffect(() => {
    pageEntries = entries;
    listeners.forEach((l) => l());
    return () => {
      pageEntries = none;
      listeners.forEach((l) => l());
    };
  }, [entries]);
}

/** Whether a key press happens while the user is typing (single-letter shortcuts stay quiet then). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'combobox';
}

/**
 * The "?" dialog listing the keyboard shortcuts, and the single-letter shortcuts themselves
 * ("?", "/", "g o"). None of them fires while the focus is in a field.
 */
export function ShortcutsDialog({ overviewHref }: { overviewHref: string }) {
  const [open, setOpen] = useState(false);
  const onPage = useSyncExternalStore(
    subscribe,
    () => pageEntries,
    () => none,
  );
  useEffect(() => {
    let pendingG = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('[role="dialog"],[role="alertdialog"]')) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('main [role="search"] input, main input[type="search"]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (pendingG && e.key === 'o') {
        window.location.assign(overviewHref);
      }
      pendingG = e.key === 'g';
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener(SHORTCUTS_EVENT, onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(SHORTCUTS_EVENT, onOpen);
    };
  }, [overviewHref]);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-24 z-50 w-full max-w-md -translate-x-1/2 rounded-lg border bg-popover p-5 text-popover-foreground shadow-lg">
          <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
          <Dialog.Description className="mb-3 text-sm text-muted-foreground">Single keys do nothing while you type in a field.</Dialog.Description>
          <table className="w-full text-sm">
            <thead className="sr-only">
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {[...shortcuts, ...onPage].map(([keys, what]) => (
                <tr key={keys} className="border-t">
                  <td className="py-2 pr-4 font-mono text-xs whitespace-nowrap">{keys}</td>
                  <td className="py-2">{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4 flex justify-end">
            <Dialog.Close asChild>
              <Button variant="outline" size="sm">
                Close
              </Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
