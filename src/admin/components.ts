import type { Config } from 'payload'

type AdminComponents = NonNullable<NonNullable<Config['admin']>['components']>

/**
 * The admin's role-based work views (README.admin.md): the dashboard of each role above the home
 * page's collections, the work links at the top of the navigation, the admin language that follows
 * a person from browser to browser, and the read-only logs with their actions.
 */
export const roleAdminComponents: AdminComponents = {
  beforeDashboard: ['/src/dashboard/RoleDashboard#RoleDashboard'],
  beforeNavLinks: ['/src/admin/ui/nav/WorkNavLinks#WorkNavLinks'],
  providers: ['/src/admin/ui/language/AdminLanguageSync#AdminLanguageSync'],
  views: {
    publishLog: { Component: '/src/publishing/admin/PublishLogView#PublishLogView', path: '/publish-log' },
    webhookLog: { Component: '/src/webhooks/admin/DeliveryLogView#DeliveryLogView', path: '/webhook-log' },
    newsletterLog: { Component: '/src/newsletter/admin/SendLogView#SendLogView', path: '/newsletter-log' },
  },
}
