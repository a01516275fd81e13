import type { Plugin } from 'payload'

import { extendRoot } from '../plugins/extendConfig'

/** Each role's work queues above the admin home page's collections. */
export const dashboardPlugin = (): Plugin => (config) => ({
  ...config,
  ...extendRoot(config, { components: { beforeDashboard: ['/src/dashboard/RoleDashboard#RoleDashboard'] } }),
})
