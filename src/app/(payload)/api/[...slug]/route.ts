import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { requestBodyLimitsFromEnv } from '../../../../security/requestBody'
import { withRequestBodyLimit } from '../../../../security/requestBody'

const bodies = { limits: requestBodyLimitsFromEnv() }

export const GET = REST_GET(config)
export const POST = withRequestBodyLimit(REST_POST(config), bodies)
export const DELETE = withRequestBodyLimit(REST_DELETE(config), bodies)
export const PATCH = withRequestBodyLimit(REST_PATCH(config), bodies)
export const PUT = withRequestBodyLimit(REST_PUT(config), bodies)
export const OPTIONS = REST_OPTIONS(config)
