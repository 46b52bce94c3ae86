# Conference Board: one instance per container. Build: `docker build -t conference-board .`
# Run: `docker run -p 3000:3000 -v conference-board-data:/data conference-board`
# Several instances with PostgreSQL and Redis: see compose.yaml and docs/deployment.md.
ARG NODE_VERSION=24

# Build stage: the dev tools build the client and the server, then are pruned away.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: the build and the production packages only, run as the unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/server/server/healthcheck.js"]
# The exec form makes Node itself PID 1, so SIGTERM reaches the server: it closes every socket
# with "server restarting" and stores every room before it exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/server/main.js"]
