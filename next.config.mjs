import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder per checkout or test run when several builds share one tree.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The admin build is checked by `npm run typecheck` and the test suite, not twice during `next build`.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['sharp', '@libsql/client', 'libsql', 'mjml', 'smtp-server'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
