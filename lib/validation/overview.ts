import type { LinkAccessRole, TicketStatus, UserType } from '@/lib/config/enums';
import type { LinkState } from '@/lib/tenancy/context';

/** A tenant the caller's partner holds an approved link to, with the link's role, dates and state. */
export type ManagedTenantDto = {
  tenantId: string;
  slug: string;
  name: string;
  tenantStatus: 'active' | 'stopped';
  link: {
    id: string;
    accessRole: LinkAccessRole;
    relationshipType: string;
    startsAt: string;
    endsAt: string | null;
    state: LinkState;
  };
};

/**
 * The numbers on a tenant's overview, each present only when the caller may read what is behind
 * it (users.read; tickets.read with the tickets feature on). Later workspaces (KYC, subscriptions,
 * alerts) add theirs here.
 */
export type TenantNumbers = {
  users: { total: number; byType: Record<UserType, number> } | null;
  tickets: { open: number; byStatus: Record<TicketStatus, number> } | null;
};

export type ManagedTenantCard = ManagedTenantDto & { numbers: TenantNumbers | null };
