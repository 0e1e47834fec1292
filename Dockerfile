# syntax=docker/dockerfile:1
# Bot de Planeación MIPG: imagen de producción (ver README «Instalación en servidor»).
#   docker build -t mipg-bot .
#   docker run -d --name mipg --env-file /etc/mipg/mipg.env -v mipg-datos:/datos -p 127.0.0.1:3978:3978 mipg-bot

# ---- Compilación: TypeScript y better-sqlite3 (módulo nativo), luego solo las dependencias de producción ----
FROM node:20-bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# better-sqlite3 se compila aquí con los encabezados de Node de la imagen, sin descargar binarios.
ENV npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local
# .npmrc (yes=true) deja correr el postinstall de botbuilder-dialogs. `npm ci` ejecuta `prepare`, que compila
# el bot: por eso las fuentes van antes. `npm prune` repone las copias anidadas que ese postinstall quita;
# `npm rebuild botbuilder-dialogs` las vuelve a quitar.
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY db ./db
COPY src ./src
COPY commands ./commands
RUN npm ci \
    && npm prune --omit=dev \
    && npm rebuild botbuilder-dialogs \
    && npm cache clean --force

# ---- Ejecución: código compilado, dependencias de producción, usuario sin privilegios ----
FROM node:20-bookworm-slim
# DejaVu Sans: la letra de las gráficas PNG (resvg usa las fuentes del sistema).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 mipg \
    && useradd --uid 10001 --gid mipg --home-dir /datos --no-create-home --shell /usr/sbin/nologin mipg \
    && mkdir -p /datos \
    && chown mipg:mipg /datos
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/db/seed ./db/seed
COPY teams ./teams
ENV NODE_ENV=production \
    MIPG_DB=/datos/mipg.db \
    MIPG_RESPALDO_DIR=/datos/respaldos
USER mipg
VOLUME ["/datos"]
# Slack en modo HTTP (SLACK_PORT) y Teams (TEAMS_PORT); /salud responde en los dos.
EXPOSE 3000 3978
# Pregunta al bot en marcha por GET /salud (el puerto sale de la configuración); con Slack solo en modo
# Socket revisa la base de datos desde afuera. Código 0 = sano, 1 = con problemas.
HEALTHCHECK --interval=60s --timeout=15s --start-period=90s --retries=3 \
    CMD ["node", "bin/mipg.js", "salud", "--servidor"]
# El bot termina lo que está haciendo y sale en menos de 10 s con SIGTERM (docker stop espera 10 s).
STOPSIGNAL SIGTERM
CMD ["node", "bin/mipg.js", "iniciar"]
