/** Whether the demo accounts exist here, for the sign-in page's hint in development. */
import "server-only";
import { prisma } from "@/lib/db/prisma";
import { DEMO_USERS } from "./seed";

export async function demoAccountsExist(): Promise<boolean> {
  return (await prisma.user.count({ where: { email: { in: DEMO_USERS.map((user) => user.email) } } })) === DEMO_USERS.length;
}
