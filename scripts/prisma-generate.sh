#!/bin/sh
# Generates the Prisma client (lib/db/generated). Generating needs no database and no native engine, but the
# CLI tries to download one unless PRISMA_SCHEMA_ENGINE_BINARY names a file; this machine may have no
# access to Prisma's download host, so point it at a stub that is never run for `generate`.
set -e
stub="$(pwd)/scripts/no-schema-engine.sh"
PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$stub}" PRISMA_HIDE_UPDATE_MESSAGE=1 exec prisma generate "$@"
