# One image for every service; docker-compose.yml picks the entry point per container.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY seed ./seed
COPY scripts ./scripts
COPY schema ./schema
COPY web ./web
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/package.json ./package.json
COPY schema ./schema
USER node
CMD ["node", "dist/gateway/main.js"]
