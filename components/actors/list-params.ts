/**
 * The Actors list's link: search, sort and page as query parameters, so that a sorted or searched list can
 * be shared and the browser's back button works. A parameter the list does not understand is set aside
 * and said so, never a reason to show nothing.
 */
import type { z } from "zod";
import { listQuerySchema } from "@/lib/actors/api";
import type { ActorSort } from "@/lib/actors/data";

export const PAGE_SIZE = 100;

export type ListParams = { q: string; sort: ActorSort; order: "asc" | "desc"; page: number; problems: string[] };

/** Names read A to Z first, counts largest first. */
export const defaultOrder = (sort: ActorSort): "asc" | "desc" => (sort === "name" ? "asc" : "desc");

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export function parseListParams(raw: Record<string, string | string[] | undefined>): ListParams {
  const problems: string[] = [];
  const one = <T>(schema: z.ZodType<T>, key: string): T | undefined => {
    const parsed = schema.safeParse(first(raw[key]));
    if (parsed.success) return parsed.data;
    problems.push(parsed.error.issues[0]?.message ?? `${key} is not understood`);
    return undefined;
  };
  const { shape } = listQuerySchema;
  const q = one(shape.q, "q") ?? "";
  const sort = one(shape.sort, "sort") ?? "mentions";
  const order = one(shape.order, "order") ?? defaultOrder(sort);
  const page = Number(first(raw.page) ?? 1);
  if (!Number.isInteger(page) || page < 1) problems.push("page must be a whole number from 1");
  return { q: q.trim(), sort, order, page: Number.isInteger(page) && page >= 1 ? page : 1, problems };
}

/** The list's address with some parameters changed; defaults are left out. */
export function listHref(slug: string, params: ListParams, changes: Partial<Omit<ListParams, "problems">>): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams();
  if (next.q) query.set("q", next.q);
  if (next.sort !== "mentions") query.set("sort", next.sort);
  if (next.order !== defaultOrder(next.sort)) query.set("order", next.order);
  if (next.page > 1) query.set("page", String(next.page));
  return `/projects/${slug}/actors${query.size ? `?${query}` : ""}`;
}
