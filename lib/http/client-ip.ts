/**
 * The client's IP address as seen by Margin's own server (server/main.ts), which overwrites this header on
 * every request so that a client cannot choose its own. Used to rate-limit sign-in per address.
 */
export const CLIENT_IP_HEADER = "x-margin-client-ip";

export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
