import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecondFactorMethod, SecondFactorProof } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { RecoveryCode, TwoFactor } from './two-factor.entity';
import { TotpSecretCipher } from './totp-secret-cipher';
import { totpStepOf } from './totp.util';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.util';
import { codeRefused, oneProofOnly } from './two-factor.exception';
import { useTotpStep } from './two-factor.repository';

/**
 * Checks a second factor and spends it: a TOTP code only for a time step newer than the last one accepted (a
 * conditional update, so of two uses of one code, on any replicas, exactly one wins), a recovery code once.
 */
@Injectable()
export class TwoFactorCodes {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly cipher: TotpSecretCipher,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  /** The account's two-factor row, if it has one (set up, or being set up). */
  stateOf(em: EntityManager, accountId: string): Promise<TwoFactor | null> {
    return em.findOne(TwoFactor, { accountId });
  }

  /** Verifies and spends one proof (a code or a recovery code); throws `codeRefused` otherwise. */
  async spend(state: TwoFactor, proof: SecondFactorProof, signedIn: boolean): Promise<SecondFactorMethod> {
    const method = methodOf(proof);
    const em = this.db.em();
    if (method === 'recovery-code') {
      const used = await em.nativeUpdate(
        RecoveryCode,
        {
          accountId: state.accountId,
          codeHash: hashRecoveryCode(state.accountId, proof.recoveryCode!),
          usedAt: null,
        },
        { usedAt: clockOf(this.options) },
      );
      if (used !== 1) throw codeRefused('WrongRecoveryCode', signedIn);
      return method;
    }
    const secret = this.cipher.decrypt(state.totpSecret!, state.accountId);
    const step = totpStepOf(secret, proof.code!, clockOf(this.options));
    if (step === null) throw codeRefused('WrongCode', signedIn);
    if (!(await this.useStep(em, state.accountId, step))) throw codeRefused('CodeReused', signedIn);
    return method;
  }

  /** Records `step` as used unless it (or a later one) was already: false when the code is a replay. */
  async useStep(em: EntityManager, accountId: string, step: number): Promise<boolean> {
    return useTotpStep(em, accountId, step);
  }

  /** New recovery codes in the caller's transaction; the old ones stop working. Returns them to show once. */
  async replaceRecoveryCodes(tx: EntityManager, accountId: string): Promise<string[]> {
    await tx.nativeDelete(RecoveryCode, { accountId });
    const codes = newRecoveryCodes();
    const now = clockOf(this.options);
    for (const code of codes)
      tx.persist(
        tx.create(RecoveryCode, { accountId, codeHash: hashRecoveryCode(accountId, code), createdAt: now }),
      );
    await tx.flush();
    return codes;
  }

  recoveryCodesLeft(em: EntityManager, accountId: string): Promise<number> {
    return em.count(RecoveryCode, { accountId, usedAt: null });
  }
}

/** Exactly one of `code` and `recoveryCode`. */
export function methodOf(proof: SecondFactorProof): SecondFactorMethod {
  const hasCode = typeof proof.code === 'string';
  const hasRecovery = typeof proof.recoveryCode === 'string';
  if (hasCode === hasRecovery) throw oneProofOnly();
  return hasCode ? 'totp' : 'recovery-code';
}
