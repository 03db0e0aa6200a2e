import * as React from 'react';
import { cn } from '@/lib/utils';

/**
 * A styled native <select> (shadcn's native-select, trimmed): `options` whose values are their own
 * labels, or <option> children with labels of their own.
 */
function NativeSelect({ className, options, children, ...props }: React.ComponentProps<'select'> & { options?: readonly string[] }) {
  return (
    <select data-slot="native-select" className={cn('h-9 rounded-md border bg-background px-2 text-sm disabled:opacity-50', className)} {...props}>
      {options
        ? options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))
        : children}
    </select>
  );
}

export { NativeSelect };
