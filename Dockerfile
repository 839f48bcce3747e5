# syntax=docker/dockerfile:1
# framebot: compiled once at build time, run as plain JavaScript by a non-root user; the SQLite
# database (and the photos beside it) live on the /data volume.
#   docker build -t framebot .
#   docker run --env-file .env -v framebot-data:/data -p 8080:8080 framebot
# or `docker compose up -d` with compose.yaml. Slash commands, registered once rather than by each
# instance (DISCORD_REGISTER_COMMANDS=false): docker compose run --rm framebot node dist/src/register.js
# Copying the SQLite database into PostgreSQL (README, "Moving a SQLite database to PostgreSQL"):
#   docker compose run --rm -e DATABASE_URL=postgres://… framebot node dist/src/migrate-to-postgres.js

# Compile: every dependency (TypeScript included) without install scripts, since tsc needs no
# native module; only dist/ leaves this stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY commands commands
COPY adapters adapters
# The build also copies the translations (src/i18n/locales) into dist/, with this script.
COPY scripts/copy-catalogue.mjs scripts/copy-catalogue.mjs
RUN npm run build

# Production dependencies only, with the toolchain better-sqlite3 needs to compile from source
# when no prebuilt binary fits this image's Node and libc.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_PATH=/data/framebot.sqlite
WORKDIR /app
# package.json says "type": "module", which the emitted JavaScript needs.
COPY package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
# The image's own unprivileged `node` user (uid 1000) owns the mount point, so a new named
# volume starts out writable for it; a bind-mounted folder must be owned by uid 1000. data/ (the
# default DATABASE_PATH's folder, used when an env file sets it empty) leads to the volume too.
RUN mkdir -p /data && chown node:node /data && ln -s /data /app/data
USER node
VOLUME /data
EXPOSE 8080
# Liveness: the process serves HTTP. No curl in the slim image, so node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/src/healthcheck.js"]
# The bot finishes in-flight work on SIGTERM (SHUTDOWN_GRACE_MS); give `docker stop -t` more than that.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
