import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '@hearth/platform';
import { EventsDatabase } from '../events-database';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { tenantIdOfTrustedRow } from '../events-access';
import { SessionsRepository, lockedSession, type LockedSessionRow } from '../sessions/sessions.repository';
import { RegisterService } from './register.service';
import { AttendanceRepository } from './attendance.repository';

const BATCH = 100;

/**
 * Announces `session.held` for sessions that ended with anyone checked in, across every LERO. It reads the
 * `pending_held` queue (ids and times only, no RLS), then handles each session in its own LERO's
 * transaction, which locks the session and deletes its queue row: replicas announce each session once.
 */
@Injectable()
export class HeldSessionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic = new PeriodicTask(
    new Logger(HeldSessionsService.name),
    'Sweeping held sessions',
    () => this.sweep(),
  );

  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly register: RegisterService,
    private readonly attendance: AttendanceRepository,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(this.options.heldSweepIntervalMs ?? 30_000, { atStart: false });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** Announces every due session; returns how many were announced. */
  async sweep(): Promise<number> {
    let announced = 0;
    for (;;) {
      const due = await this.attendance.dueQueued(this.register.now(), BATCH);
      for (const row of due) if (await this.announce(row.tenant_id, row.session_id)) announced++;
      if (due.length < BATCH) return announced;
    }
  }

  private announce(tenantId: string, sessionId: string): Promise<boolean> {
    return this.db.transactInTenant(tenantIdOfTrustedRow(tenantId), async (tx) => {
      // The session first, then the queue row: the order a check-in takes them in, so the two never deadlock.
      const [sessions, taken] = await tx.run<[LockedSessionRow[], { session_id: string }[]]>([
        this.sessions.lockStatement(sessionId, { includeDeleted: true }),
        this.attendance.takeQueuedStatement(sessionId),
      ]);
      if (taken.length === 0) return false; // another replica had it
      const session = sessions[0] && lockedSession(sessions[0]);
      if (!session || session.heldAt || session.status === 'cancelled') return false;
      const counts = this.register.tally(session, session.attended);
      if (counts.total === 0) return false;
      await tx.run(this.register.announceHeld(tx, session, counts), { commit: true });
      return true;
    });
  }
}
