export { NewsletterDeliveries } from './NewsletterDeliveries'
export { NewsletterLocks } from './NewsletterLocks'
export { NewsletterSends } from './NewsletterSends'
export { createSubscribers } from './Subscribers'
