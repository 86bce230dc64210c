// A parsed event pattern. Field names are joined with "." into paths, as
// EventBridge does, so {"detail": {"state": [...]}} and {"detail.state": [...]}
// describe the same field.

/** The JSON values an event field can hold at a leaf. */
export type Scalar = string | number | boolean | null;

export type NumericBound = { readonly value: number; readonly inclusive: boolean };

/** An inclusive range of IPv4 or IPv6 addresses, as numbers. */
export type IpRange = { readonly family: 4 | 6; readonly first: bigint; readonly last: bigint };

/** One entry of a field's array: the field matches when any entry does. */
export type ValueMatcher =
  | { readonly kind: "equals"; readonly value: Scalar }
  | { readonly kind: "equals-ignore-case"; readonly value: string }
  | { readonly kind: "prefix"; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: "suffix"; readonly value: string; readonly ignoreCase: boolean }
  /** The literal pieces between unescaped "*" characters. */
  | { readonly kind: "wildcard"; readonly pieces: readonly string[] }
  | { readonly kind: "numeric"; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly kind: "cidr"; readonly range: IpRange }
  /** Matches a present value that none of `excluded` matches. */
  | { readonly kind: "anything-but"; readonly excluded: readonly ValueMatcher[] }
  | { readonly kind: "exists"; readonly exists: boolean };

export type FieldCondition = { readonly path: string; readonly matchers: readonly ValueMatcher[] };

/** Every field must match, and in every `$or` group at least one alternative. */
export type Pattern = {
  readonly fields: readonly FieldCondition[];
  readonly anyOf: readonly (readonly Pattern[])[];
};
