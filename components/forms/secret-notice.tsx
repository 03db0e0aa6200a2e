'use client';

import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** A secret shown once (a new API key, a webhook endpoint's signing secret, a rotation's): copy it now. */
export function SecretNotice({ title, label, secret, onDone }: { title: string; label: string; secret: string; onDone: () => void }) {
  return (
    <Alert variant="info" aria-live="polite">
      <p className="mb-2 font-medium">{title}</p>
      <div className="flex gap-2">
        <Input readOnly aria-label={label} value={secret} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button type="button" variant="outline" onClick={() => navigator.clipboard.writeText(secret).then(() => toast.success('Copied'), () => toast.error('Copy it by hand: the browser refused.'))}>
          Copy
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </Alert>
  );
}
