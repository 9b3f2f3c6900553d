import "server-only";
import type { Actor } from "@/lib/auth/context";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export async function setSignupOpen(actor: Actor, signupOpen: boolean): Promise<void> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only an instance admin can change sign-up");
  await prisma.instanceSettings.upsert({ where: { id: 1 }, create: { id: 1, signupOpen }, update: { signupOpen } });
}
