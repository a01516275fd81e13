import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { ta } from '@payloadcms/translations/languages/ta'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Articles } from '../collections/Articles'
import { Clinics } from '../collections/Clinics'
import { createDoctors } from '../collections/Doctors'
import { Media } from '../collections/Media'
import { Specialties } from '../collections/Specialties'
import { createUsers } from '../collections/Users'
import { WorkflowEvents } from '../collections/WorkflowEvents'
import { chooseDatabase } from './database/adapter'
import { prepareDatabase } from './database/prepare'
import { loadLanguages, SOURCE_LOCALE } from './localization/languages'
import { createMailTransport, mailTransportOptionsFromEnv } from './mail/transport'
import { payloadSecret } from './security/secret'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const languages = loadLanguages()
const database = chooseDatabase()

export default buildConfig({
  secret: payloadSecret(),
  serverURL: process.env.SERVER_URL || undefined,
  telemetry: false,
  logger: { options: { level: process.env.LOG_LEVEL || 'info' } },
  admin: {
    user: 'users',
    importMap: { baseDir: projectRoot },
    meta: { titleSuffix: ' · Vitalpress' },
  },
  collections: [Articles, createDoctors(languages), Clinics, Specialties, Media, createUsers(languages), WorkflowEvents],
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
    await prepareDatabase(payload, database)
  },
})
