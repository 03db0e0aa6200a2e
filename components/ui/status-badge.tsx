import { Badge } from '@/components/ui/badge';
import { statusBadge, type StatusTone } from '@/lib/config/status';

const variantOf: Record<StatusTone, 'success' | 'warning' | 'destructive' | 'outline' | 'secondary'> = {
  good: 'success',
  attention: 'warning',
  bad: 'destructive',
  pending: 'outline',
  neutral: 'secondary',
};

/** A status word as a badge, with the portal's one tone and text for it (lib/config/status.ts). */
export function StatusBadge({ value, className }: { value: string; className?: string }) {
  const { tone, text } = statusBadge(value);
  return (
    <Badge variant={variantOf[tone]} className={className} data-status={value}>
      {text}
    </Badge>
  );
}
