/**
 * The actor record picker of the tag details and of the actor page's merge: free text with type-ahead over
 * the project's records, which must come down to one record id. Pure, so that the rule is tested on its own.
 *
 * Each record is offered under a label that names it alone: its name, or, when another record has the same
 * name (compared without case), "Name — kind", and when that is not enough either, "Name — kind · id". Its
 * aliases are offered too, each only where it means that record alone. Typed text resolves, without case
 * and surrounding spaces, to the record whose label it is, else to the one record of that name, else to the
 * one record with that alias; several records answering the same name (or alias) are "ambiguous", and the
 * person picks one by its label.
 */

export type PickerRecord = { id: string; name: string; kind: string | null; aliases: readonly string[] };

/** One entry of the type-ahead: what it fills in, and a hint shown beside it. */
export type PickerOption = { value: string; recordId: string; hint: string };

export type Pick = { found: "record"; id: string } | { found: "ambiguous"; ids: string[] } | { found: "none" };

const key = (text: string) => text.trim().replace(/\s+/g, " ").toLocaleLowerCase();

function groupBy(records: readonly PickerRecord[], keys: (record: PickerRecord) => readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const record of records) {
    for (const text of new Set(keys(record).map(key))) {
      if (!text) continue;
      const ids = groups.get(text) ?? [];
      ids.push(record.id);
      groups.set(text, ids);
    }
  }
  return groups;
}

/** The label that names each record alone (see above), by record id. */
export function recordLabels(records: readonly PickerRecord[]): Map<string, string> {
  const byName = groupBy(records, (record) => [record.name]);
  const withKind = (record: PickerRecord) => `${record.name.trim()} — ${record.kind ?? "kind unknown"}`;
  const byKind = groupBy(records, (record) => [withKind(record)]);
  return new Map(
    records.map((record) => {
      if (byName.get(key(record.name))!.length === 1) return [record.id, record.name.trim()];
      if (byKind.get(key(withKind(record)))!.length === 1) return [record.id, withKind(record)];
      return [record.id, `${withKind(record)} · ${record.id}`];
    }),
  );
}

/** What the type-ahead lists: every record by its label, then the aliases that mean one record only. */
export function pickerOptions(records: readonly PickerRecord[]): PickerOption[] {
  const labels = recordLabels(records);
  const names = groupBy(records, (record) => [record.name, labels.get(record.id)!]);
  const aliases = groupBy(records, (record) => record.aliases);
  const options: PickerOption[] = records.map((record) => ({
    value: labels.get(record.id)!,
    recordId: record.id,
    hint: record.kind ?? "",
  }));
  for (const record of records) {
    for (const alias of new Set(record.aliases.map((text) => text.trim()))) {
      const text = key(alias);
      if (!text || names.has(text) || aliases.get(text)!.length > 1) continue;
      // One alias spelt two ways by two records' merged names is still one record's: list it once.
      if (options.some((option) => key(option.value) === text)) continue;
      options.push({ value: alias, recordId: record.id, hint: `alias of ${labels.get(record.id)}` });
    }
  }
  return options;
}

/** The record `text` names (see above). */
export function resolvePick(text: string, records: readonly PickerRecord[]): Pick {
  const wanted = key(text);
  if (!wanted) return { found: "none" };
  const labels = recordLabels(records);
  const labelled = records.find((record) => key(labels.get(record.id)!) === wanted);
  if (labelled) return { found: "record", id: labelled.id };
  for (const keys of [(record: PickerRecord) => [record.name], (record: PickerRecord) => record.aliases]) {
    const ids = groupBy(records, keys).get(wanted);
    if (ids?.length === 1) return { found: "record", id: ids[0]! };
    if (ids) return { found: "ambiguous", ids };
  }
  return { found: "none" };
}
