import { z } from "zod";
import { PROJECT_ROLES } from "@/lib/auth/permissions";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/users/schema";

export const roleSchema = z.enum(PROJECT_ROLES, { error: `Role must be one of ${PROJECT_ROLES.join(", ")}` });

export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });

export const changeRoleSchema = z.object({ membershipId: z.string().min(1).max(64), role: roleSchema });

export const acceptWithNewAccountSchema = z.object({ token: z.string().min(1).max(200), name: nameSchema, password: passwordSchema });
