'use client';

// These forms check the obvious in the browser (required, length, the repeat) and leave the rest
// to the server's schema, whose field errors come back next to the fields: no zod in this page.

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { describedBy, Field } from '@/components/forms/field';
import { useActionRunner } from '@/components/forms/use-action-runner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { ActionResult } from '@/lib/api/action-result';
import type { ChangePasswordInput, ProfileInput } from '@/lib/validation/account';
import { changePasswordAction, markNotificationsReadAction, requestUpgradeAction, resendVerificationAction, updateProfileAction } from '../actions';
import { InteractiveFieldset } from '@/components/forms/interactive-fieldset';

export function ProfileForm({ slug, name, email }: { slug: string; name: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ProfileInput>({ defaultValues: { name, email } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await updateProfileAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof ProfileInput, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success(result.data.pendingEmail ? `Saved. Confirm ${result.data.pendingEmail} from the mail we sent there.` : 'Profile saved.');
    form.reset({ name: result.data.name, email: result.data.email });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-label="Profile">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <Field id="profile-name" label="Name" error={errors.name?.message}>
          <Input id="profile-name" autoComplete="name" {...describedBy('profile-name', errors.name?.message)} {...form.register('name', { required: 'Enter your name.' })} />
        </Field>
        <Field id="profile-email" label="Email" error={errors.email?.message} hint="A new address is used once you confirm it from the mail we send there.">
          <Input id="profile-email" type="email" autoComplete="email" {...describedBy('profile-email', errors.email?.message, 'hint')} {...form.register('email', { required: 'Enter your email.' })} />
        </Field>
        <div>
          <Button type="submit" disabled={isSubmitting}>
            Save profile
          </Button>
        </div>
      </InteractiveFieldset>
    </form>
  );
}

export function PasswordForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({ defaultValues: { current: '', password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await changePasswordAction(slug, values);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof ChangePasswordInput, { message: messages[0] });
      return setError(result.error.message);
    }
    toast.success(`Password changed. ${result.data.endedSessions} other session${result.data.endedSessions === 1 ? '' : 's'} ended.`);
    form.reset();
    router.refresh();
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-label="Change password">
      <InteractiveFieldset>
        {error && <Alert variant="destructive">{error}</Alert>}
        <Field id="current-password" label="Current password" error={errors.current?.message}>
          <Input id="current-password" type="password" autoComplete="current-password" {...describedBy('current-password', errors.current?.message)} {...form.register('current', { required: 'Enter your current password.' })} />
        </Field>
        <Field id="new-password" label="New password" error={errors.password?.message} hint="At least 12 characters. Your other sessions end.">
          <Input id="new-password" type="password" autoComplete="new-password" {...describedBy('new-password', errors.password?.message, 'hint')} {...form.register('password', { minLength: { value: 12, message: 'Use at least 12 characters.' } })} />
        </Field>
        <Field id="confirm-password" label="Repeat the new password" error={errors.confirm?.message}>
          <Input id="confirm-password" type="password" autoComplete="new-password" {...describedBy('confirm-password', errors.confirm?.message)} {...form.register('confirm', { validate: (v, all) => v === all.password || 'The passwords do not match.' })} />
        </Field>
        <div>
          <Button type="submit" disabled={isSubmitting}>
            Change password
          </Button>
        </div>
      </InteractiveFieldset>
    </form>
  );
}

/** A button that runs one account action and shows its outcome. */
function ActionButton({ label, run, success }: { label: string; run: () => Promise<ActionResult<unknown>>; success: string }) {
  const runner = useActionRunner();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button variant="outline" size="sm" disabled={runner.pending} onClick={() => runner.run(run, { success })}>
        {label}
      </Button>
      {runner.error && <span className="text-xs text-destructive">{runner.error}</span>}
    </span>
  );
}

export function ResendVerificationButton({ slug }: { slug: string }) {
  return <ActionButton label="Send the link again" run={() => resendVerificationAction(slug, {})} success="Sent: check your inbox." />;
}

export function MarkReadButton({ slug }: { slug: string }) {
  return <ActionButton label="Mark all read" run={() => markNotificationsReadAction(slug, {})} success="Marked read." />;
}

export function RequestUpgradeButton({ slug, to, label }: { slug: string; to: 'advanced' | 'company'; label: string }) {
  const runner = useActionRunner();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        disabled={runner.pending}
        onClick={() =>
          runner.run(() => requestUpgradeAction(slug, { to }), {
            onSuccess: (outcome) => toast.success(outcome.nextAction),
          })
        }
      >
        {label}
      </Button>
      {runner.error && <span className="text-xs text-destructive">{runner.error}</span>}
    </span>
  );
}
