import type { NextRequest } from "next/server";
import { handlers } from "@/lib/users/next-auth";
import { errorJson } from "@/lib/http/api-handler";
import { fieldOf } from "@/lib/http/parse";
import { signInSchema } from "@/lib/users/schema";

export const GET = handlers.GET;

/**
 * Auth.js answers a malformed credentials sign-in with a redirect to the error page, which tells a script
 * nothing. Check the fields first and answer 400 naming the one at fault.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const type = request.headers.get("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) {
      return errorJson("bad_request", "Send the sign-in form as application/x-www-form-urlencoded", "body");
    }
    const form = await request.clone().formData();
    const parsed = signInSchema.safeParse({ email: form.get("email") ?? undefined, password: form.get("password") ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return errorJson("bad_request", `${fieldOf(issue)}: ${issue.message}`, fieldOf(issue));
    }
  }
  return handlers.POST(request);
}
