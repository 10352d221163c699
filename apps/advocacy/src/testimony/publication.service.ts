import { Injectable } from '@nestjs/common';
import { TestimonyEvents } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { TenantTransaction } from '@hearth/persistence';
import { TestimonyRepository, type ThemeRow } from './testimony.repository';

/**
 * The one rule of publication (ADR 0066), applied in the transaction of every change to a theme's pieces, with the
 * theme's row locked: a theme that is not a draft is published exactly while its approved pieces come from at least
 * `publish_threshold` distinct contributors who count; a change of that state is an event through the outbox
 * (naming the LERO or, for a region's theme, the region: ADR 0076).
 */
@Injectable()
export class Publication {
  constructor(private readonly repo: TestimonyRepository) {}

  async settle(tx: TenantTransaction, theme: ThemeRow): Promise<ThemeRow> {
    const contributors = await this.repo.contributors(tx, theme.id);
    const due = theme.status !== 'draft' && contributors >= theme.publish_threshold;
    if (due === theme.published) return theme;
    const changed = await this.repo.setPublished(tx, theme.id, due);
    await tx.run(
      eventStatement(
        tx,
        'advocacy',
        due ? TestimonyEvents.themePublished : TestimonyEvents.themeUnpublished,
        theme.region_id
          ? { regionId: theme.region_id, themeId: theme.id }
          : { tenantId: theme.tenant_id!, themeId: theme.id },
        theme.tenant_id,
      ),
    );
    return changed;
  }
}
