# Production image: the API serving the built web app. Build: docker build -t hushdesk .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NX_NO_CLOUD=true NX_DAEMON=false
RUN npx nx run-many -t build --projects=api,web --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
# API_WORKERS=auto: one API process per core (the cores the container may run on, not a --cpus quota).
ENV NODE_ENV=production PORT=3000 WEB_DIST_DIR=/app/dist/apps/web DATA_DIR=/app/.data API_WORKERS=auto
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/.data && chown -R node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "exec node --enable-source-maps --max-old-space-size=${API_HEAP_MB:-256} dist/apps/api/apps/api/src/main.js"]
