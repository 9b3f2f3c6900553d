import { Prisma } from "./generated/client";

/** True when a write failed on a unique constraint (Prisma's P2002), e.g. a slug or email already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type Tx = Prisma.TransactionClient;
