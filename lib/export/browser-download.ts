/**
 * Downloads an export in the browser with progress: the response is read as it streams (bytes so far;
 * articles so far for jsonl, one per line, against the count the server announced), then saved under the
 * server's file name. A refused export (4xx) reports the server's message instead. What has arrived is
 * handed to the browser's blob store every few megabytes rather than held as script memory until the end,
 * which for a whole archive (600 MB) would hold it twice over when the file is made.
 */
export type Progress = { bytes: number; articles: number | null; totalArticles: number | null; totalTags: number | null };

/** Bytes received before they go to the blob store as one piece. */
const SPILL_BYTES = 8 * 1024 * 1024;

export type DownloadResult = { ok: true; fileName: string; bytes: number } | { ok: false; message: string };

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (exact) return decodeURIComponent(exact);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}`;
  } catch {
    return `The server answered ${response.status}`;
  }
}

/** Saves a Blob as a file through a temporary link, as a download the browser shows in its list. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function downloadExport(
  url: string,
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: Progress) => void;
    fallbackName: string;
    save?: (blob: Blob, fileName: string) => void;
  },
): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") return { ok: false, message: "Cancelled" };
    return { ok: false, message: "The export did not reach the server (network error)" };
  }
  if (!response.ok || !response.body) return { ok: false, message: await errorOf(response) };
  const count = (name: string) => (response.headers.has(name) ? Number(response.headers.get(name)) : null);
  const totalArticles = count("x-margin-article-count");
  const totalTags = count("x-margin-tag-count");
  const lines = response.headers.get("x-margin-format") === "jsonl";
  const spilled: Blob[] = [];
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let partBytes = 0;
  const progress: Progress = { bytes: 0, articles: lines ? 0 : null, totalArticles, totalTags };
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parts.push(chunk.value as Uint8Array<ArrayBuffer>);
      partBytes += chunk.value.byteLength;
      if (partBytes >= SPILL_BYTES) {
        spilled.push(new Blob(parts));
        parts = [];
        partBytes = 0;
      }
      progress.bytes += chunk.value.byteLength;
      if (lines) for (let at = chunk.value.indexOf(10); at !== -1; at = chunk.value.indexOf(10, at + 1)) progress.articles!++;
      options.onProgress?.({ ...progress });
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") return { ok: false, message: "Cancelled" };
    return { ok: false, message: "The export broke off before its end; nothing was saved" };
  }
  const fileName = fileNameOf(response, options.fallbackName);
  (options.save ?? saveBlob)(
    new Blob([...spilled, ...parts], { type: response.headers.get("content-type") ?? "application/octet-stream" }),
    fileName,
  );
  return { ok: true, fileName, bytes: progress.bytes };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
