/**
 * Why an external suggestion backend gave no suggestions. Each failure is thrown (the backend is another
 * server, its failure is not the caller's input), as an AppError so that an entry point that lets it
 * through answers the status a gateway would: the address refused by the operator's rule is the
 * project's configuration at fault (400), a late backend 504, any other failure 502. `reason` lets the
 * caller that reports failures per suggester tell them apart without reading the message.
 */
import { AppError, type AppErrorCode } from "@/lib/errors";

export type BackendFailure = "bad_url" | "refused" | "unreachable" | "timeout" | "http_status" | "too_large" | "not_json" | "wrong_shape";

const CODES: Record<BackendFailure, AppErrorCode> = {
  bad_url: "bad_request",
  refused: "bad_request",
  unreachable: "bad_gateway",
  timeout: "gateway_timeout",
  http_status: "bad_gateway",
  too_large: "bad_gateway",
  not_json: "bad_gateway",
  wrong_shape: "bad_gateway",
};

export class SuggestionBackendError extends AppError {
  override name = "SuggestionBackendError";
  constructor(
    readonly reason: BackendFailure,
    message: string,
  ) {
    super(CODES[reason], message);
  }
}
