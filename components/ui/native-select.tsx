import * as React from 'react';
import { cn } from '@/lib/utils';

/**
 * A styled native <select> (shadcn's native-select, trimmed): `options`, each shown in the words
 * `labelOf` gives (by default the value itself), or <option> children with labels of their own.
 * An enum's key (`on_hold`, `msp_support`) is a value, not a label: pass its words.
 */
function NativeSelect({
  className,
  options,
  labelOf = (value) => value,
  children,
  ...props
}: React.ComponentProps<'select'> & { options?: readonly string[]; labelOf?: (value: string) => string }) {
  return (
    <select data-slot="native-select" className={cn('h-9 rounded-md border bg-background px-2 text-sm disabled:opacity-50', className)} {...props}>
      {options
        ? options.map((o) => (
            <option key={o} value={o}>
              {labelOf(o)}
            </option>
          ))
        : children}
    </select>
  );
}

export { NativeSelect };
