import { Search } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** Search across the guides: a plain GET form to /help (works before any script runs). */
export function HelpSearch({ defaultValue = '' }: { defaultValue?: string }) {
  return (
    <form action="/help" method="get" role="search" className="flex max-w-xl gap-2">
      <label htmlFor="help-q" className="sr-only">
        Search the guides
      </label>
      <Input
        id="help-q"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Search the guides"
        maxLength={200}
      />
      <Button type="submit" variant="outline">
        <Search className="size-4" aria-hidden />
        Search
      </Button>
    </form>
  );
}
