# One image per service of the monorepo: `docker build -f docker/service.Dockerfile --build-arg APP=auth-service --build-arg PORT=3002 .`
# (docker-compose.yml passes both). Build with the full toolchain, run on node:20-slim as a non-root user.
ARG NODE_VERSION=20

# --- build: the whole workspace, then `nx build <app>` (swc, file by file; node_modules stay external) ---
FROM node:${NODE_VERSION} AS build
ARG APP
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Writes dist/apps/<app>/main.js with the compiled app and the workspace libraries it imports.
RUN npx nx build "${APP}" --skip-nx-cache

# --- deps: the workspace's production dependencies only (native addons built here, same glibc) ----------
FROM node:${NODE_VERSION} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- runtime ---------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-slim AS runtime
ARG APP
ARG PORT=3000
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT} DATA_DIR=/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /workspace/dist/apps/${APP} ./
# The code stays root-owned (read-only to the service); only /data (read models, keys) is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE ${PORT}
# Node 20 has fetch: no curl in the slim image. /health is 200 only when the store and read models are fine.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "main.js"]
