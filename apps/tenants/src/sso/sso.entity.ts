import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** An OpenID provider a region or a LERO signs its people in with (exactly one of regionId, tenantId). */
@Entity({ tableName: 'identity_providers' })
export class IdentityProvider {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid', nullable: true })
  regionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text' })
  issuer!: string;

  @Property({ type: 'text' })
  clientId!: string;

  /** Encrypted (AES-256-GCM, the provider's id as associated data); never answered. */
  @Property({ type: 'text', hidden: true })
  clientSecret!: string;

  /** Lower-case domains whose addresses this provider may assert. */
  @Property({ type: 'text[]' })
  allowedDomains: string[] = [];

  /** Set by a platform admin; until then the provider signs nobody in. Cleared when the domains change. */
  @Property({ type: 'timestamptz', nullable: true })
  domainsVerifiedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** One sign-in begun at a provider: its state (hashed), nonce and PKCE verifier, used once, briefly. */
@Entity({ tableName: 'sso_flows' })
export class SsoFlow {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text', unique: true })
  stateHash!: string;

  /** SHA-256 of the secret given to whoever began the flow, required back at the callback. */
  @Property({ type: 'text' })
  bindingHash!: string;

  @Property({ type: 'uuid' })
  providerId!: string;

  @Property({ type: 'text' })
  nonce!: string;

  @Property({ type: 'text', hidden: true })
  codeVerifier!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

/** An account's identity at a provider: the provider's issuer and subject, linked once the account agreed. */
@Entity({ tableName: 'account_identities' })
export class AccountIdentity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  providerId!: string;

  @Property({ type: 'text' })
  issuer!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** After a provider vouched for an unlinked account's email: the offer to link it with the account's password. */
@Entity({ tableName: 'sso_link_offers' })
export class SsoLinkOffer {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  providerId!: string;

  @Property({ type: 'text' })
  issuer!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}
