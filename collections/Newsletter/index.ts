export { NewsletterDeliveries } from './NewsletterDeliveries'
export { NewsletterSends } from './NewsletterSends'
export { createSubscribers } from './Subscribers'
