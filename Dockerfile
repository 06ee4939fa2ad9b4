# Dojang's container image (docs/container.md): `docker build -t dojang .`
#
# Two stages. The build stage installs the production dependencies (compiling better-sqlite3
# when no prebuilt binary downloads) and builds the browser assets (`npm run build:web`, what
# `npm start`'s prestart would do at every start). The runtime stage gets those files only: no
# compiler, no devDependencies, the code read-only and owned by root, the server running as
# `node` (uid 1000) and writing nothing outside /data.
#
# tsx runs the TypeScript as in development: it is a production dependency because the PDF
# worker threads (src/pdf/pdf-worker.mjs) and the `dojang` command load .ts files through it.

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --prefer-offline: a build given a warm npm cache (-v <cache>:/root/.npm) needs no registry.
RUN npm ci --omit=dev --prefer-offline --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
RUN npm run build:web
# Left out of the runtime, about 90 MB that nothing reads there: better-sqlite3's SQLite sources
# and compiler output (its lib/ and the compiled module stay), the source maps of every package,
# and the weights of Noto Sans KR that src/documents/korean-font.ts does not name (the build
# stops if it names none, or one that is missing).
RUN cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node /tmp/ \
 && rm -rf build deps src \
 && mkdir -p build/Release \
 && mv /tmp/better_sqlite3.node build/Release/ \
 && cd /app \
 && find node_modules -name '*.map' -type f -delete \
 && fonts=node_modules/@expo-google-fonts/noto-sans-kr \
 && keep=$(grep -o "noto-sans-kr/[^']*\.ttf" src/documents/korean-font.ts | sed 's|^noto-sans-kr/||') \
 && test -n "$keep" \
 && for font in $keep; do test -f "$fonts/$font" || exit 1; done \
 && find "$fonts" -name '*.ttf' | while read -r file; do \
      echo "$keep" | grep -qxF "${file#"$fonts"/}" || rm "$file"; \
    done

FROM node:20-bookworm-slim
# The official image has the user `node` (uid 1000); a base without it gets one.
# /data is node's alone (0700): a new named volume takes this folder's owner and mode.
RUN (id -u node >/dev/null 2>&1 || useradd --uid 1000 --user-group --create-home --shell /bin/bash node) \
 && install -d -o node -g node -m 0700 /data
# TSX_DISABLE_CACHE: tsx would keep what it compiles in /tmp; without that cache nothing is
# written outside /data (a read-only root file system works), for about a second more at start.
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    TSX_DISABLE_CACHE=1
WORKDIR /app
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
# `docker exec <container> dojang company add …`: the command line, on the same database.
RUN ln -s /app/bin/dojang.mjs /usr/local/bin/dojang
USER node
VOLUME /data
EXPOSE 3000
# /readyz: the database answers, migrations have run, the workers run, not shutting down. The
# check starts a node of its own: 10 s leaves room for that on a busy machine.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (not npm, which would not pass SIGTERM on): src/main.ts stops cleanly on
# SIGTERM and exits 0 within 10 s. No prestart: the assets were built above.
CMD ["node", "--import", "tsx", "src/main.ts"]
