import type { ActivityChangedEvent, ActivityView } from '@hearth/contracts';
import type { Activity } from '../programme/activity.entity';

export const activityView = (a: Activity): ActivityView => ({
  id: a.id,
  title: a.title,
  category: a.category,
  description: a.description,
  location: a.location,
  visibility: a.visibility,
  capacity: a.capacity,
  schedule: {
    startsAt: a.startsAtLocal,
    durationMinutes: a.durationMinutes,
    timezone: a.timezone,
    rrule: a.rrule,
  },
  status: a.status,
  statusChangedAt: a.statusChangedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const activityEvent = (a: Activity): ActivityChangedEvent => ({
  tenantId: a.tenantId,
  activityId: a.id,
  title: a.title,
  category: a.category,
  visibility: a.visibility,
});
