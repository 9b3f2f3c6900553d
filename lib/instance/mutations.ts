import "server-only";
import type { AdminAccess } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";

export async function setSignupOpen(_admin: AdminAccess, signupOpen: boolean): Promise<void> {
  await prisma.instanceSettings.upsert({ where: { id: 1 }, create: { id: 1, signupOpen }, update: { signupOpen } });
}
