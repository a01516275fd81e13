import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { ta } from '@payloadcms/translations/languages/ta'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { ArticleTranslations } from '../collections/ArticleTranslations'
import { Articles } from '../collections/Articles'
import { Clinics } from '../collections/Clinics'
import { createDoctors } from '../collections/Doctors'
import { Media } from '../collections/Media'
import { Specialties } from '../collections/Specialties'
import { Leases } from '../collections/Leases'
import { NewsletterDeliveries, NewsletterSends, createSubscribers } from '../collections/Newsletter'
import { createUsers } from '../collections/Users'
import { WebhookDeliveries } from '../collections/WebhookDeliveries'
import { createWebhookEndpoints } from '../collections/WebhookEndpoints'
import { WebhookSettings } from '../collections/WebhookSettings'
import { WorkflowEvents } from '../collections/WorkflowEvents'
import { interfaceLabels } from './admin/ui/interfaceLabels'
import { adminShellPlugin } from './admin/ui/plugin'
import { dashboardPlugin } from './dashboard/plugin'
import { chooseDatabase } from './database/adapter'
import { prepareDatabase } from './database/prepare'
import { boundHeapGrowth } from './environment/heapGrowth'
import { readEnvironment } from './environment/readEnvironment'
import { migrations as sqliteMigrations } from './migrations/sqlite/index'
import { createJobsConfig } from './jobs/config'
import { localizationPlugin } from './localization/plugin'
import { loadLanguages, SOURCE_LOCALE } from './languages/registry'
import { newsletterPlugin } from './newsletter/plugin'
import { createMailTransport } from './mail/transport'
import { publishingPlugin } from './publishing/plugin'
import { readabilityPlugin } from './readability/plugin'
import { securityPlugin } from './security/plugin'
import { adminOnlyJobStatistics } from './security/jobStatistics'
import { webhooksPlugin } from './webhooks/plugin'
import { workflowOptions } from './workflow/options'
import { workflowPlugin } from './workflow/plugin'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Every process (server, worker, scripts) loads this config first, so a setting it cannot use stops it here.
const environment = readEnvironment()
boundHeapGrowth(environment.server.heapGrowthPercent)
const languages = loadLanguages()
const database = chooseDatabase(environment.database.uri)

export default buildConfig({
  secret: environment.security.secret,
  serverURL: environment.server.publicUrl,
  telemetry: false,
  logger: { options: { level: environment.server.logLevel } },
  admin: {
    user: 'users',
    importMap: { baseDir: projectRoot },
    meta: { titleSuffix: ' · Vitalpress' },
    // Gravatar would send each user's email hash to an outside service and fails offline.
    avatar: 'default',
  },
  collections: [Articles, createDoctors(languages), Clinics, Specialties, Media, createUsers(languages), WorkflowEvents, ArticleTranslations, createSubscribers(languages), NewsletterSends, NewsletterDeliveries, createWebhookEndpoints(languages), WebhookDeliveries, Leases],
  globals: [WebhookSettings],
  // Keep the file name as the client sent it, folders and all, so a crafted one is refused (src/media/guardUploads.ts) rather than silently cut short.
  upload: { preservePath: true },
  // Each concern's plugin adds its tasks.
  jobs: createJobsConfig([], environment.jobs),
  editor: lexicalEditor(),
  db: database.adapter,
  localization: {
    locales: languages.map((language) => ({
      code: language.code,
      label: `${language.name} (${language.code})`,
      rtl: language.dir === 'rtl',
      ...(language.fallback ? { fallbackLocale: language.fallback } : {}),
    })),
    defaultLocale: SOURCE_LOCALE,
    fallback: true,
  },
  i18n: { supportedLanguages: { en, ta }, fallbackLanguage: 'en' },
  // Each concern brings its hooks, endpoints, jobs tasks and admin views to the collections above. The
  // order is the order their hooks run in on a shared collection: translation state is recorded before
  // the workflow event that publishing and the newsletter react to, and the interface labels come last
  // so they reach every field and view.
  plugins: [
    securityPlugin({ loginProtection: environment.security.login }),
    localizationPlugin(),
    readabilityPlugin(),
    workflowPlugin(workflowOptions(environment.workflow)),
    newsletterPlugin(),
    publishingPlugin(),
    webhooksPlugin(),
    adminShellPlugin(),
    dashboardPlugin(),
    interfaceLabels,
  ],
  email: nodemailerAdapter({
    defaultFromAddress: environment.mail.from.address,
    defaultFromName: environment.mail.from.name,
    transport: createMailTransport(environment.mail.transport),
    skipVerify: true,
  }),
  sharp,
  typescript: {
    outputFile: path.resolve(projectRoot, 'src/payload-types.ts'),
    autoGenerate: false,
  },
  graphQL: { schemaOutputFile: path.resolve(projectRoot, 'src/generated-schema.graphql') },
  onInit: async (payload) => {
    await prepareDatabase(payload, database, sqliteMigrations)
  },
}).then(adminOnlyJobStatistics)
