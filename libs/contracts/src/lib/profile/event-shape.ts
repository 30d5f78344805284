/** A profile event as decided by the domain: the `data` of an EventEnvelope with its `type`. */
export interface ProfileEventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

/** Old and new value of one field, for the audit timeline ("what changed, old -> new"). */
export interface Change<Value> {
  readonly from: Value;
  readonly to: Value;
}
