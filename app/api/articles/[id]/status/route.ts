import { json } from "@/lib/http/api-handler";
import { articleRoute } from "@/lib/routes/wrappers";
import { setArticleStatus } from "@/lib/review/mutations";
import { contract } from "./contract";

/** Moves the article through the workflow (reviewers and owners), e.g. to "done" once reviewed. */
export const POST = articleRoute("annotations:review", contract.methods.POST, async ({ access, body: { status } }) => {
  await setArticleStatus(access, status);
  return json({ status });
});
