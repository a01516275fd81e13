import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { requestBodyLimitsFromEnv } from '../../../../security/requestBody'
import { withRequestBodyLimit } from '../../../../security/requestBody'

export const POST = withRequestBodyLimit(GRAPHQL_POST(config), { limits: requestBodyLimitsFromEnv(), jsonOnly: true })
export const OPTIONS = REST_OPTIONS(config)
