# syntax=docker/dockerfile:1
# Production image of the gateway: the API, which also serves the built dashboard.
#   docker build -t llm-gateway .
#   docker build -t llm-gateway --build-arg EMBEDDED_CLICKHOUSE=false .   # ~540 MB smaller, needs CLICKHOUSE_URL
# Node 24 is the active LTS line; development keeps working on Node >= 20.19 (package.json engines).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency (dev too), then compile the libraries, the API and the dashboard.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# npm's cache in a BuildKit cache mount, kept between builds.
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true npm_config_cache=/tmp/npm-cache
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/routing/package.json libs/routing/
COPY libs/converters/package.json libs/converters/
COPY libs/analytics/package.json libs/analytics/
COPY libs/contracts/package.json libs/contracts/
COPY apps/cli/package.json apps/cli/
# The lock omits other platforms' optional binaries, which `npm ci` insists on; `npm install` resolves
# the same locked tree for the build platform.
RUN --mount=type=cache,target=/tmp/npm-cache \
    npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY nx.json tsconfig.base.json jest.preset.js eslint.config.mjs ./
COPY libs libs
COPY apps apps
RUN npx nx run-many -t build --projects=api,web --outputStyle=static

# ---- prod-deps: only what the API needs at run time (no dashboard packages, no build tools).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV npm_config_cache=/tmp/npm-cache
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/routing/package.json libs/routing/
COPY libs/converters/package.json libs/converters/
COPY libs/analytics/package.json libs/analytics/
COPY libs/contracts/package.json libs/contracts/
COPY apps/cli/package.json apps/cli/
RUN --mount=type=cache,target=/tmp/npm-cache \
    npm ci --omit=dev --workspace=api --no-audit --no-fund \
    || npm install --omit=dev --workspace=api --no-audit --no-fund
# Embedded ClickHouse (chDB, ~540 MB) is only loaded when CLICKHOUSE_URL is unset; images that always
# talk to a ClickHouse server (docker-compose.yml, Kubernetes) leave it out.
ARG EMBEDDED_CLICKHOUSE=true
RUN if [ "$EMBEDDED_CLICKHOUSE" = "false" ]; then rm -rf node_modules/chdb node_modules/@chdb; fi

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node and reaps the embedded Postgres' children.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
# NO_COLOR: plain log lines for docker logs / log collectors (Nest colours them otherwise).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data NO_COLOR=1
WORKDIR /app
# Dependencies and code stay owned by root (read-only to the app); only /data is the app's.
COPY --from=prod-deps /app ./
COPY --from=build /app/libs/routing/dist libs/routing/dist
COPY --from=build /app/libs/converters/dist libs/converters/dist
COPY --from=build /app/libs/analytics/dist libs/analytics/dist
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/dist apps/web/dist
# Embedded Postgres refuses to run as root: the image runs as the unprivileged `node` user (uid 1000)
# and owns DATA_DIR, so a single container without DATABASE_URL keeps working across recreations.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Reads the port the app listens on ($PORT), not a fixed one; first boot (embedded Postgres initdb,
# migrations) gets a start period before failures count.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/api/dist/main.js"]
