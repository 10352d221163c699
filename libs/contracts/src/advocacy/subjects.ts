/** Every subject the advocacy service answers (`advocacy.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const AdvocacySubjects = {
  createConsultation: 'advocacy.consultation.create',
  listConsultations: 'advocacy.consultation.list',
  getConsultation: 'advocacy.consultation.get',
  updateConsultation: 'advocacy.consultation.update',
  openConsultation: 'advocacy.consultation.open',
  closeConsultation: 'advocacy.consultation.close',
  consultationResults: 'advocacy.consultation.results',
  createRegionConsultation: 'advocacy.region-consultation.create',
  listRegionConsultations: 'advocacy.region-consultation.list',
  getRegionConsultation: 'advocacy.region-consultation.get',
  updateRegionConsultation: 'advocacy.region-consultation.update',
  openRegionConsultation: 'advocacy.region-consultation.open',
  closeRegionConsultation: 'advocacy.region-consultation.close',
  regionConsultationResults: 'advocacy.region-consultation.results',
  respond: 'advocacy.response.create',
  getPublicConsultation: 'advocacy.public-consultation.get',
  respondInPublic: 'advocacy.public-response.create',
  publishTexts: 'advocacy.consultation.publish-texts',
  publishRegionTexts: 'advocacy.region-consultation.publish-texts',
} as const;

/**
 * Domain events of the advocacy service (facts, past tense: `evt.advocacy.<thing>.<happened>`), from its outbox.
 * There is deliberately no event per response (ADR 0062): a response is not a fact anyone else may learn of.
 */
export const AdvocacyEvents = {
  consultationOpened: 'evt.advocacy.consultation.opened',
  consultationClosed: 'evt.advocacy.consultation.closed',
} as const;
