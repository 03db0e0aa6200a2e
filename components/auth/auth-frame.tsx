import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';

/** The frame of every page a person sees before they are signed in. */
export function AuthFrame({ title, description, children }: { title: string; description: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <header className="bg-card border-b px-4 py-3 font-semibold">Partner Portal</header>
      <main className="bg-secondary/40 flex min-h-[calc(100vh-3.5rem)] items-center justify-center px-4 py-8">
        <Card className="w-full max-w-sm">
          <CardHeader>
            <h1 className="text-lg leading-none font-semibold tracking-tight">{title}</h1>
            <CardDescription>{description}</CardDescription>
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </main>
    </>
  );
}
