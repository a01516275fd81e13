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
import { NewsletterDeliveries, NewsletterLocks, NewsletterSends, createSubscribers } from '../collections/Newsletter'
import { PublishLocks } from '../collections/PublishLocks'
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
import { migrations as sqliteMigrations } from './migrations/sqlite/index'
import { createJobsConfig } from './jobs/config'
import { queueOptionsFromEnv } from './jobs/options'
import { localizationPlugin } from './localization/plugin'
import { loadLanguages, SOURCE_LOCALE } from './languages/registry'
import { articleUrlPatternFromEnv } from './newsletter/options'
import { newsletterPlugin } from './newsletter/plugin'
import { createMailTransport, mailTransportOptionsFromEnv } from './mail/transport'
import { publishingPlugin } from './publishing/plugin'
import { loginProtectionOptionsFromEnv } from './security/loginProtection'
import { securityPlugin } from './security/plugin'
import { payloadSecret } from './security/secret'
import { webhooksPlugin } from './webhooks/plugin'
import { workflowOptionsFromEnv } from './workflow/options'
import { workflowPlugin } from './workflow/plugin'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const languages = loadLanguages()
const database = chooseDatabase()
// Every process (server, worker, scripts) stops at start-up on a site address that emails would get wrong.
articleUrlPatternFromEnv()

export default buildConfig({
  secret: payloadSecret(),
  serverURL: process.env.SERVER_URL || undefined,
  telemetry: false,
  logger: { options: { level: process.env.LOG_LEVEL || 'info' } },
  admin: {
    user: 'users',
    importMap: { baseDir: projectRoot },
    meta: { titleSuffix: ' · Vitalpress' },
    // Gravatar would send each user's email hash to an outside service and fails offline.
    avatar: 'default',
  },
  collections: [Articles, createDoctors(languages), Clinics, Specialties, Media, createUsers(languages), WorkflowEvents, ArticleTranslations, createSubscribers(languages), NewsletterSends, NewsletterDeliveries, NewsletterLocks, createWebhookEndpoints(languages), WebhookDeliveries, PublishLocks],
  globals: [WebhookSettings],
  // Keep the file name as the client sent it, folders and all, so a crafted one is refused (src/media/guardUploads.ts) rather than silently cut short.
  upload: { preservePath: true },
  // Each concern's plugin adds its tasks.
  jobs: createJobsConfig([], queueOptionsFromEnv()),
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
    securityPlugin({ loginProtection: loginProtectionOptionsFromEnv() }),
    localizationPlugin(),
    workflowPlugin(workflowOptionsFromEnv()),
    newsletterPlugin(),
    publishingPlugin(),
    webhooksPlugin(),
    adminShellPlugin(),
    dashboardPlugin(),
    interfaceLabels,
  ],
  email: nodemailerAdapter({
    defaultFromAddress: process.env.MAIL_FROM_ADDRESS || 'library@vitalpress.local',
    defaultFromName: process.env.MAIL_FROM_NAME || 'Vitalpress Health Library',
    transport: createMailTransport(mailTransportOptionsFromEnv()),
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
})
