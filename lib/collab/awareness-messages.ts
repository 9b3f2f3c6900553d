/**
 * Awareness messages as they travel between Hocuspocus and its clients, read and written without applying
 * them: the document's address, the message type, then y-protocols' update (per client: id, clock, state as
 * JSON, "null" for one that left). The presence guard (presence.ts) reads what a client sent and filters what
 * a connection is sent with these.
 */
import { MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export type AwarenessEntry = { clientId: number; clock: number; state: string };

/** The address and entries of an awareness message, or null for a message of another type. */
export function readAwarenessMessage(message: Uint8Array): { address: string; entries: AwarenessEntry[] } | null {
  const decoder = decoding.createDecoder(message);
  const address = decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== MessageType.Awareness) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const entries: AwarenessEntry[] = [];
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    const clientId = decoding.readVarUint(update);
    const clock = decoding.readVarUint(update);
    entries.push({ clientId, clock, state: decoding.readVarString(update) });
  }
  return { address, entries };
}

export function writeAwarenessMessage(address: string, entries: readonly AwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, state);
  }
  const message = encoding.createEncoder();
  encoding.writeVarString(message, address);
  encoding.writeVarUint(message, MessageType.Awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

/** The message with only the awareness entries of the client ids `keep` accepts (null if none is left); others as they are. */
export function keepAwarenessOf(message: Uint8Array, keep: (clientId: number) => boolean): Uint8Array | null {
  const read = readAwarenessMessage(message);
  if (!read) return message;
  const kept = read.entries.filter((entry) => keep(entry.clientId));
  if (kept.length === read.entries.length) return message;
  return kept.length ? writeAwarenessMessage(read.address, kept) : null;
}
