'use client';

import { useId } from 'react';

/**
 * One of a list's filters as a labelled select ("Any" clears it). The value lives in the URL
 * (useListQuery); `onChange` gets null for "Any". A filter whose cleared state is not "any" (the
 * KYC queue shows what waits) names it in `emptyText`.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  emptyText = 'Any',
}: {
  label: string;
  value: string | null;
  options: readonly { value: string; text: string }[];
  onChange: (value: string | null) => void;
  emptyText?: string;
}) {
  const id = useId();
  return (
    <div className="text-muted-foreground flex flex-col gap-1 text-xs">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="bg-background text-foreground h-9 rounded-md border px-2 text-sm"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{emptyText}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
