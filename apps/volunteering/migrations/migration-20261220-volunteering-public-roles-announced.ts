import { Migration } from '@mikro-orm/migrations';
import { uuidv7Sql } from '@hearth/persistence';

/**
 * Public roles are listed in the directory and on the LERO's public page from their events (ADR 0058), whose
 * `listing` carries what the public may read. Roles made before the events carried it are announced once more
 * (`evt.volunteering.role.updated`, built as `roleEvent` builds it: the requirements named as the catalogue names
 * them, in the role's order), so the directory learns of them without waiting for their next change. Members-only
 * roles carried nothing public and are left alone. Both tables force row-level security even on their owner:
 * forcing is lifted for the read and put back.
 */
export class MigrationVolunteeringPublicRolesAnnounced extends Migration {
  override name = '20261220-volunteering-public-roles-announced';

  up(): void {
    this.addSql(`alter table volunteering.roles no force row level security`);
    this.addSql(`alter table volunteering.training no force row level security`);
    this.addSql(
      `insert into volunteering.outbox (id, subject, tenant_id, payload)
       select ${uuidv7Sql('r.id')}, 'evt.volunteering.role.updated', r.tenant_id, jsonb_build_object(
         'tenantId', r.tenant_id, 'roleId', r.id, 'title', r.title, 'visibility', r.visibility, 'status', r.status,
         'requirementIds', r.requirement_ids,
         'listing', jsonb_build_object('description', r.description, 'whatYoullDo', r.what_youll_do,
           'skills', r.skills, 'where', r."where",
           'requirements', coalesce((
             select jsonb_agg(t.name order by q.n)
             from jsonb_array_elements_text(r.requirement_ids) with ordinality q(id, n)
             join volunteering.training t on t.id = q.id::uuid and t.tenant_id = r.tenant_id), '[]'::jsonb)))
       from volunteering.roles r where r.visibility = 'public' order by r.id`,
    );
    this.addSql(`alter table volunteering.training force row level security`);
    this.addSql(`alter table volunteering.roles force row level security`);
  }
}
