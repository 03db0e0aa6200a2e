import * as React from 'react';
import { cn } from '@/lib/utils';

/** A styled native <select> whose options are their own labels (shadcn's native-select, trimmed). */
function NativeSelect({ className, options, ...props }: React.ComponentProps<'select'> & { options: readonly string[] }) {
  return (
    <select data-slot="native-select" className={cn('h-9 rounded-md border bg-background px-2 text-sm disabled:opacity-50', className)} {...props}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

export { NativeSelect };
