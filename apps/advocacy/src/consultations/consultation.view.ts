import type { ConsultationView } from '@hearth/contracts';
import type { ConsultationRow } from './consultations.repository';

export const consultationView = (c: ConsultationRow): ConsultationView => ({
  id: c.id,
  owner: c.tenant_id ? 'lero' : 'region',
  title: c.title,
  purpose: c.purpose,
  askedBy: c.asked_by,
  useOfAnswers: c.use_of_answers,
  opensAt: new Date(c.opens_at).toISOString(),
  closesAt: new Date(c.closes_at).toISOString(),
  audience: c.audience,
  public: c.public,
  status: c.status,
  resultsThreshold: c.results_threshold,
  questions: c.questions,
  aboutYou: c.about_you,
  createdAt: new Date(c.created_at).toISOString(),
});
