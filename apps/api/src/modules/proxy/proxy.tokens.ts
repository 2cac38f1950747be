export const UPSTREAM_CLIENT = Symbol('UPSTREAM_CLIENT');
