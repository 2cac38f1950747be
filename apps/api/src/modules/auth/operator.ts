/**
 * The built-in owner of what ADMIN_API_KEY creates (gateways above all). A fixed id, so every replica
 * agrees without coordination; it has no email or password and `x-user-id` never authenticates it
 * (admins must log in), so knowing the id grants nothing.
 */
export const OPERATOR_USER_ID = '00000000-0000-4000-8000-000000000001';
export const OPERATOR_USERNAME = 'operator';
