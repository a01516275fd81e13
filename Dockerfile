# One image for the app and the worker (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NODE_ENV=production npx next build && node -e "import('./scripts/lib/build.mjs').then(async (b) => { const fs = await import('node:fs'); fs.writeFileSync('.next/vitalpress-build.json', JSON.stringify({ inputs: b.buildInputsHash() })) })"
EXPOSE 3000
CMD ["npm", "start"]
