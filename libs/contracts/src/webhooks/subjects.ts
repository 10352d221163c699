/** Every subject the webhooks service answers (`webhooks.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const WebhooksSubjects = {
  createSubscription: 'webhooks.subscription.create',
  listSubscriptions: 'webhooks.subscription.list',
  deleteSubscription: 'webhooks.subscription.delete',
  rotateSecret: 'webhooks.subscription.rotate-secret',
  listDeliveries: 'webhooks.delivery.list',
  replayDelivery: 'webhooks.delivery.replay',
  createRegionSubscription: 'webhooks.region-subscription.create',
  listRegionSubscriptions: 'webhooks.region-subscription.list',
  deleteRegionSubscription: 'webhooks.region-subscription.delete',
  rotateRegionSecret: 'webhooks.region-subscription.rotate-secret',
  listRegionDeliveries: 'webhooks.region-delivery.list',
  replayRegionDelivery: 'webhooks.region-delivery.replay',
} as const;

/** Domain events of the webhooks service (facts, past tense: `evt.webhooks.<thing>.<happened>`), from its outbox. */
export const WebhooksEvents = {} as const;
