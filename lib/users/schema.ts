/**
 * Validation shared by the sign-in/sign-up forms, the API and the CLI.
 */
import { z } from "zod";

export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  // 254 is the longest address SMTP allows.
  .pipe(z.email({ error: "Enter a valid email address" }).max(254, { error: "Email is too long" }));

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(10, { error: "Password must be at least 10 characters" })
  // argon2 hashes any length, but an unbounded input would let one request burn CPU.
  .max(200, { error: "Password must be at most 200 characters" });

export const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, { error: "Name is required" })
  .max(100, { error: "Name must be at most 100 characters" });

export const signInSchema = z.object({
  email: emailSchema,
  // Any non-empty password may be tried: length rules apply when choosing one, not when signing in.
  password: z
    .string({ error: "Password is required" })
    .min(1, { error: "Password is required" })
    .max(200, { error: "Password must be at most 200 characters" }),
});

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });

export type SignUpInput = z.infer<typeof signUpSchema>;
