import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MembershipClient,
  notFound,
  TenantsClient,
  VolunteeringEvents,
  type IssuedCredentialSummary,
  type IssuedCredentialView,
  type MemberCredentialsRequest,
  type PassportRequest,
  type PassportVerdict,
  type PassportView,
  type RequestContext,
  type RevokeCredentialRequest,
  type StatusListRequest,
  type CredentialStatusRequest,
  type CredentialStatusView,
  type VerifyPassportDto,
} from '@hearth/contracts';
import { MessageClient, recordEvent } from '@hearth/messaging';
import { type TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { authoriseInLero, publicTenantId } from '../volunteering-access';
import { invalidField } from '../roles/roles.exception';
import { TrainingRecordsRepository } from '../training-records/training-records.repository';
import { todayInUk } from '../training-records/training-dates.util';
import { HoursRepository } from '../hours/hours.repository';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { PassportConfig } from './passport-config';
import { PassportsRepository, type CredentialRow, type HeldTraining } from './passports.repository';
import {
  newCredentialId,
  passportCredential,
  signCredential,
  statusListCredential,
  trainingCredential,
  type CredentialClaims,
  type IssueContext,
  type PassportIssuer,
} from './passport-credential.util';
import { PassportVerifier } from './passport-verifier';
import { encodeStatusList } from './status-list.util';
import type { PassportJwks } from './passport-keys';

const DAY_MS = 86_400_000;
/** A status list credential is valid this long; verifiers fetch it again after (its `ttl`). */
const STATUS_LIST_TTL_MS = 5 * 60_000;
const uuidOfUrn = (urn: string) => urn.replace(/^urn:uuid:/, '');

/**
 * The volunteer passport (ADR 0056): issued to the volunteer themselves with what they chose, each training or check
 * also its own credential; verified against this deployment's keys and trusted ones; revoked by the issuing LERO
 * through its Bitstring Status Lists.
 */
@Injectable()
export class PassportsService {
  readonly verifier: PassportVerifier;
  private readonly membership: MembershipClient;
  private readonly tenants: TenantsClient;

  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly config: PassportConfig,
    private readonly passports: PassportsRepository,
    private readonly records: TrainingRecordsRepository,
    private readonly hours: HoursRepository,
    bus: MessageClient,
  ) {
    this.membership = new MembershipClient(bus);
    this.tenants = new TenantsClient(bus);
    this.verifier = new PassportVerifier(config.keys, config.issuerPrefix, config.trusted, (url, index) =>
      this.localStatus(url, index),
    );
  }

  async issue(ctx: RequestContext, dto: PassportRequest): Promise<PassportView> {
    // The member record the account is linked to; an account without one (staff, door duty) is refused 403.
    const memberId =
      ctx.actor?.grants.find((g) => g.tenantId === dto.tenantId && g.memberId)?.memberId?.toLowerCase() ?? '';
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Passport', 'LERO', { memberId });
    const [lero, names] = await Promise.all([
      this.tenants.getTenant(ctx, tenantId),
      this.membership.memberNames(ctx, tenantId, [memberId]),
    ]);
    const displayName = names.items[0]?.displayName;
    if (!displayName) throw notFound('Member');
    const issuer: PassportIssuer = {
      id: this.config.issuerId(tenantId),
      name: lero.name,
      // The LERO’s public programme: the one public page of a LERO under the gateway’s address, named by its slug.
      url: `${this.config.issuerBaseUrl}/api/v1/public/leros/${lero.slug}/sessions`,
    };
    const today = todayInUk();
    const issuedAt = new Date();
    const ctxOf: IssueContext = {
      issuer,
      subjectId: `urn:uuid:${randomUUID()}`,
      displayName,
      issuedAt,
      validUntil: new Date(issuedAt.getTime() + this.config.validityDays * DAY_MS),
    };
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      // The member's turn, as their erasure takes it: an erasure applied meanwhile would miss the rows written here.
      await VolunteersRepository.lock(em, tenantId, memberId);
      await this.records.requireActiveVolunteer(em, tenantId, memberId);
      const held = await this.passports.heldTraining(em, tenantId, memberId, today);
      const chosen = [
        ...choose(
          held.filter((h) => h.kind === 'training'),
          dto.training ?? 'all',
          'training',
        ),
        ...choose(
          held.filter((h) => h.kind === 'check'),
          dto.checks ?? 'none',
          'checks',
        ),
      ];
      const roles =
        dto.roles === 'omit' ? undefined : await this.passports.servedRoles(em, tenantId, memberId);
      // Approved hours only, by the role's title and the calendar year (ADR 0054's totals).
      const hours =
        dto.hours === 'omit'
          ? undefined
          : (await this.hours.approvedTotalsByRoleAndYear(tenantId, memberId)).map((h) => ({
              role: h.title,
              year: h.year,
              approvedMinutes: h.minutes,
            }));
      const { listId, first } = await this.passports.allocate(em, tenantId, chosen.length + 1);
      const listUrl = this.config.statusListUrl(tenantId, listId);
      const passportId = newCredentialId();
      const items = chosen.map((item, i) => {
        const id = newCredentialId();
        return { item, id, claims: trainingCredential(ctxOf, item, id, { listUrl, index: first + 1 + i }) };
      });
      const passportClaims = passportCredential(
        ctxOf,
        { training: items.map(({ item, id }) => ({ ...item, credentialId: id })), roles, hours },
        passportId,
        { listUrl, index: first },
      );
      const row = (
        id: string,
        claims: CredentialClaims,
        index: number,
        held?: HeldTraining,
      ): CredentialRow => ({
        id: uuidOfUrn(id),
        memberId,
        kind: held ? 'training' : 'passport',
        trainingId: held?.trainingId ?? null,
        recordId: held?.recordId ?? null,
        listId,
        index,
        issuedAt,
        expiresAt: new Date((claims.exp as number) * 1000),
      });
      await this.passports.insert(em, tenantId, [
        row(passportId, passportClaims, first),
        ...items.map((t, i) => row(t.id, t.claims, first + 1 + i, t.item)),
      ]);
      recordEvent(
        em,
        VolunteeringEvents.passportIssued,
        {
          tenantId,
          credentialId: uuidOfUrn(passportId),
          credentials: items.length,
          issuedAt: issuedAt.toISOString(),
        },
        tenantId,
      );
      const key = this.config.keys.current;
      const credentials: IssuedCredentialView[] = await Promise.all(
        items.map(async (t) => ({
          id: t.id,
          kind: 'training' as const,
          trainingId: t.item.trainingId,
          name: t.item.name,
          credential: await signCredential(t.claims, key),
        })),
      );
      return {
        passport: await signCredential(passportClaims, key),
        id: passportId,
        expiresAt: ctxOf.validUntil.toISOString(),
        claims: passportClaims,
        credentials,
      };
    });
  }

  jwks(): PassportJwks {
    return this.config.keys.jwks();
  }

  /** Anyone may ask (a verifier need not sign in): a passport is checked, never trusted for who asks. */
  verify(_ctx: RequestContext, dto: VerifyPassportDto): Promise<PassportVerdict> {
    return this.verifier.verify(dto.passport);
  }

  /** A LERO's status list as a BitstringStatusListCredential (VC-JWT): public, it names no one. */
  async statusList(_ctx: RequestContext, dto: StatusListRequest): Promise<{ credential: string }> {
    const tenantId = publicTenantId(dto.tenantId);
    const revoked = await this.passports.revokedIndexes(tenantId, dto.listId);
    if (!revoked) throw notFound('Status list');
    const claims = statusListCredential(
      { id: this.config.issuerId(tenantId) },
      this.config.statusListUrl(tenantId, dto.listId.toLowerCase()),
      encodeStatusList(revoked),
      new Date(),
      STATUS_LIST_TTL_MS,
    );
    return { credential: await signCredential(claims, this.config.keys.current) };
  }

  /**
   * Anyone with a credential's random id (the letter's QR code) learns its issuer, dates and status — never whom
   * it was issued to or what it holds. Another LERO's id answers as a missing one (the row is under its RLS).
   */
  async credentialStatus(_ctx: RequestContext, dto: CredentialStatusRequest): Promise<CredentialStatusView> {
    const tenantId = publicTenantId(dto.tenantId);
    const row = await this.passports.issued(tenantId, dto.credentialId.toLowerCase());
    if (!row) throw notFound('Credential');
    const s = summary(row);
    const status = s.revokedAt ? 'revoked' : Date.parse(s.expiresAt) <= Date.now() ? 'expired' : 'valid';
    const issuer = { id: this.config.issuerId(tenantId) };
    return { id: s.id, kind: s.kind, issuer, issuedAt: s.issuedAt, expiresAt: s.expiresAt, status };
  }

  async credentials(
    ctx: RequestContext,
    dto: MemberCredentialsRequest,
  ): Promise<{ items: IssuedCredentialSummary[] }> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Credential', 'Member');
    const { known, items } = await this.passports.ofMember(tenantId, dto.memberId.toLowerCase());
    if (!known) throw notFound('Member');
    return { items: items.map(summary) };
  }

  async revoke(ctx: RequestContext, dto: RevokeCredentialRequest): Promise<IssuedCredentialSummary> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Credential', 'Credential');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const revoked = await this.passports.revoke(em, tenantId, dto.credentialId.toLowerCase());
      if (!revoked) throw notFound('Credential');
      recordEvent(
        em,
        VolunteeringEvents.credentialRevoked,
        {
          tenantId,
          credentialId: revoked.id,
          kind: revoked.kind,
          revokedAt: new Date(revoked.revokedAt!).toISOString(),
        },
        tenantId,
      );
      return summary(revoked);
    });
  }

  /** This deployment's status bit: the list's LERO is read from its address, under that LERO's RLS. */
  private async localStatus(listUrl: string, index: number): Promise<boolean | undefined> {
    const match = new RegExp(
      `^${escape(this.config.issuerPrefix)}([0-9a-f-]{36})/status-lists/([0-9a-f-]{36})$`,
    ).exec(listUrl);
    if (!match) return undefined;
    return this.passports.isRevoked(publicTenantId(match[1]) as TenantId, match[2], index);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const summary = (r: IssuedCredentialSummary): IssuedCredentialSummary => ({
  id: r.id,
  kind: r.kind,
  trainingId: r.trainingId,
  issuedAt: new Date(r.issuedAt).toISOString(),
  expiresAt: new Date(r.expiresAt).toISOString(),
  revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
});

/** The records a selection names: all, none, or ids — each of which must be one of `held` (else 400 on `field`). */
function choose(held: HeldTraining[], selection: string, field: 'training' | 'checks'): HeldTraining[] {
  if (selection === 'all') return held;
  if (selection === 'none') return [];
  const byId = new Map(held.map((h) => [h.recordId.toLowerCase(), h]));
  return [...new Set(selection.toLowerCase().split(','))].map((id) => {
    const found = byId.get(id);
    if (!found) throw invalidField(field, `names ${id}, which is not one of your valid ${field} records`);
    return found;
  });
}
