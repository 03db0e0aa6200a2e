import type { Metadata } from 'next';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { tenantPage } from '@/lib/auth/page';
import { listPlatformFeatures } from '@/lib/data/features';
import { EarlyAccess, StageSelect } from './_components/feature-controls';

export const metadata: Metadata = { title: 'Features' };

/** Platform operators: each feature's global stage, and which tenants have early access to betas. */
export default async function FeaturesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await tenantPage({ params, workspace: 'features' });
  const features = await listPlatformFeatures(ctx);
  const slug = ctx.homeTenant.slug;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Features</h1>
      <p className="mb-4 text-sm text-muted-foreground">
        off: no tenant has it. beta: only tenants with early access, each of which may still turn it off. ga: every tenant, unless its admin turns it off.
      </p>
      <Table aria-label="Feature catalogue">
        <TableHeader>
          <TableRow>
            <TableHead>Feature</TableHead>
            <TableHead>Stage</TableHead>
            <TableHead>Early access</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {features.map((f) => (
            <TableRow key={f.key} data-feature={f.key}>
              <TableCell>
                <div className="font-medium">{f.name}</div>
                <div className="font-mono text-xs text-muted-foreground">{f.key}</div>
                <div className="text-xs text-muted-foreground">{f.description}</div>
              </TableCell>
              <TableCell>
                <StageSelect slug={slug} featureKey={f.key} stage={f.stage} />
              </TableCell>
              <TableCell>
                <EarlyAccess slug={slug} featureKey={f.key} tenants={f.earlyAccess} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
