/** The login throttle (built from the config and the Redis connection). */
export const LOGIN_THROTTLE = Symbol('LOGIN_THROTTLE');
