import { expect, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(returnTo?: string) {
    await this.page.goto(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /**
   * Submits and waits until the form has taken the server's answer, so that the next step sees this
   * attempt's outcome. The response alone is too early: React commits the answer (and resets the form's
   * fields) a moment later, which could empty a password typed for the next attempt.
   */
  async signInAndWait(email: string, password: string) {
    const answered = this.page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in",
    );
    await this.signIn(email, password);
    await answered;
    await expect(this.page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }

  /** The form's own message (Next.js keeps an empty route announcer with the alert role too). */
  error() {
    return this.page.locator("form").getByRole("alert");
  }
}

/** Signs in through the form and waits for the project list (or `returnTo`). */
export async function signInAs(page: Page, user: { email: string; password: string }, returnTo?: string) {
  const signIn = new SignInPage(page);
  await signIn.goto(returnTo);
  await signIn.signIn(user.email, user.password);
  await page.waitForURL(returnTo ?? "/projects");
}
