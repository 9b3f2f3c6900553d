/** A tag's discussion: its comments (with the marks of its being resolved and reopened), new comments, resolving. */
import type { listComments } from "@/lib/review/data";
import { call, type Json } from "./call";

export type ThreadEntry = Json<Awaited<ReturnType<typeof listComments>>[number]>;

const tag = (id: string) => `/api/annotations/${encodeURIComponent(id)}`;

export const listThread = (id: string) => call<{ comments: ThreadEntry[] }>(`${tag(id)}/comments`);

/** `@email` of a project member in the body mentions them. */
export const postComment = (id: string, body: string) => call<{ comment: ThreadEntry }>(`${tag(id)}/comments`, { body: { body } });

export const resolveThread = (id: string, resolved: boolean) =>
  call<{ thread: { resolved: boolean } }>(`${tag(id)}/thread`, { body: { resolved } });
