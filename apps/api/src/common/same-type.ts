/**
 * `true` only when A and B are the same type. `const check: SameType<A, B> = true` fails to compile
 * when two lists that must agree (the contract's and the implementation's) drift apart.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
