/** A column as `GetStatementResult` describes it (only what is read). */
interface Column {
  readonly name?: string | undefined;
  readonly label?: string | undefined;
}

/** One field of a record: exactly one of these is set. */
interface Field {
  readonly isNull?: boolean | undefined;
  readonly booleanValue?: boolean | undefined;
  readonly longValue?: number | undefined;
  readonly doubleValue?: number | undefined;
  readonly stringValue?: string | undefined;
  readonly blobValue?: Uint8Array | undefined;
}

/** The value a field holds: `null`, a boolean, a number, a string or bytes. */
function valueOf(field: Field): unknown {
  if (field.isNull === true) return null;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.longValue !== undefined) return field.longValue;
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.blobValue !== undefined) return field.blobValue;
  return null;
}

/**
 * @internal A page of `GetStatementResult` as rows keyed by column name, like `pg` returns them. Booleans stay
 * booleans and integers numbers, so the same checks read both runners' rows alike.
 */
export function rowsOf(columns: readonly Column[], records: readonly (readonly Field[])[]): Record<string, unknown>[] {
  const names = columns.map((column, index) => column.name ?? column.label ?? `column${index + 1}`);
  return records.map((record) =>
    Object.fromEntries(record.map((field, index) => [names[index] ?? `column${index + 1}`, valueOf(field)])),
  );
}
