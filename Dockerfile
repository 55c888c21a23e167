# syntax=docker/dockerfile:1
# DCS Hub: one stateless hub process per container. Configuration comes from the environment (README,
# docs/production.md). Build: docker build -t dcs-hub .

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, compile TypeScript to dist/ and bundle the browser assets into dist/assets/
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY assets ./assets
COPY src ./src
RUN npm run build

# --- runtime: production dependencies, the compiled server, the stylesheet and the bundled content
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    CONTENT_DIR=/app/content
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY assets ./assets
COPY content ./content
# The embedded database (used only without DATABASE_URL) writes to /app/data: give it to the unprivileged user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# /healthz answers as soon as the process serves HTTP; /readyz (database, migrations, content) is for the proxy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start`: the heap is capped so garbage is collected before it grows the process past its memory budget.
CMD ["node", "--max-old-space-size=256", "bin/dcs-hub.js", "serve"]
