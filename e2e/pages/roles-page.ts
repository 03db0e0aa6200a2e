import type { Page } from '@playwright/test';

/** The Roles workspace: the new-role form and one role's editor. */
export class RolesPage {
  constructor(private readonly page: Page) {}

  async create(values: { key: string; name: string; permissions: string[] }) {
    const form = this.page.getByRole('form', { name: 'New role' });
    // Exact names: permission checkboxes such as api_keys.manage also contain "key".
    await form.getByRole('textbox', { name: 'Key', exact: true }).fill(values.key);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(values.name);
    for (const p of values.permissions) await form.getByRole('checkbox', { name: p, exact: true }).check();
    await form.getByRole('button', { name: 'Create role' }).click();
  }

  /** On a role's page: take a permission away and save. */
  async removePermission(permission: string) {
    await this.page.getByRole('checkbox', { name: permission, exact: true }).uncheck();
    await this.page.getByRole('button', { name: 'Save role' }).click();
  }
}

/** One user's page: role assignment and effective permissions. */
export class UserPage {
  constructor(private readonly page: Page) {}

  async assignRole(roleName: string) {
    const form = this.page.getByRole('form', { name: 'Assign roles' });
    await form.getByRole('checkbox', { name: roleName }).check();
    await form.getByRole('button', { name: 'Save roles' }).click();
    return form.getByText('Roles saved');
  }

  effectivePermissions() {
    return this.page.getByRole('region', { name: 'Effective permissions' });
  }
}
