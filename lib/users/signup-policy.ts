import "server-only";
import { getInstanceSettings } from "@/lib/instance/data";
import { hasAnyUser } from "./data";

/** Whether the sign-up page accepts new accounts: on an empty instance, or when an admin opened it. */
export async function isSignupOpen(): Promise<boolean> {
  return !(await hasAnyUser()) || (await getInstanceSettings()).signupOpen;
}
