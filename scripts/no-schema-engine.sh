#!/bin/sh
echo "The native Prisma schema engine is not installed here; use npm run db:migration (see README)." >&2
exit 1
