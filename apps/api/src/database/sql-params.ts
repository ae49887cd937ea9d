/** Builds positional parameters as a query is assembled: `add(value)` returns its placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => `$${this.values.push(value)}`;
}
