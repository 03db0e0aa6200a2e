'use client';

import { useId, useState } from 'react';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

/**
 * What a destructive or cross-tenant write asks first. The title names the action, the object
 * and the tenant; the confirm button repeats the verb; `typeToConfirm` (a tenant's name) must be
 * typed for irreversible, high-impact ones.
 */
export type Confirmation = { title: string; description: string; action: string; typeToConfirm?: string };

/** Focus starts on Cancel (Radix AlertDialog's default), so Enter never confirms by accident. */
export function ConfirmDialog({
  confirmation,
  returnFocusTo,
  onConfirm,
  onCancel,
}: {
  confirmation: Confirmation | null;
  returnFocusTo: HTMLElement | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const expected = confirmation?.typeToConfirm;
  const ready = !expected || typed.trim() === expected;
  return (
    <AlertDialog
      open={confirmation !== null}
      onOpenChange={(open) => {
        if (!open) {
          setTyped('');
          onCancel();
        }
      }}
    >
      {confirmation && (
        <AlertDialogContent
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.isConnected) return;
            event.preventDefault();
            returnFocusTo.focus();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{confirmation.title}</AlertDialogTitle>
            <AlertDialogDescription>{confirmation.description}</AlertDialogDescription>
          </AlertDialogHeader>
          {expected && (
            <div className="grid gap-2">
              <Label htmlFor={inputId}>
                Type <span className="font-semibold">{expected}</span> to confirm
              </Label>
              <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            </div>
          )}
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={!ready}
              onClick={() => {
                setTyped('');
                onConfirm();
              }}
            >
              {confirmation.action}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      )}
    </AlertDialog>
  );
}
