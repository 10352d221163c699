import type { Actor } from '@hearth/contracts';
import { defineAbility, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the events service. Subjects carry `tenantId`: Activity, Session, Rsvp (also
 * `memberId`), Attendance (the register: checked-in members and walk-ins), LeroData (the LERO's archive). Region and platform staff get
 * nothing here: nobody outside a LERO sees who goes to or attended anything; the public listing is for all.
 */
export function eventsAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId, memberId } = grant;
    if (!tenantId) return;
    switch (grant.role) {
      case 'tenant-admin':
        can('manage', ['Activity', 'Session', 'Rsvp', 'Attendance'], { tenantId });
        // The LERO's whole archive (ADR 0034): its admins only.
        can('export', 'LeroData', { tenantId });
        break;
      case 'coordinator':
        can('manage', ['Activity', 'Session', 'Rsvp', 'Attendance'], { tenantId });
        break;
      case 'volunteer':
        can('read', ['Activity', 'Session'], { tenantId });
        // At the door: who is expected, who is in, how many walked in.
        can('read', 'Rsvp', { tenantId });
        can(['read', 'create', 'delete'], 'Attendance', { tenantId });
        break;
      case 'member':
        can('read', ['Activity', 'Session'], { tenantId });
        if (memberId) can(['read', 'create', 'delete'], 'Rsvp', { tenantId, memberId });
        break;
    }
  });
}
