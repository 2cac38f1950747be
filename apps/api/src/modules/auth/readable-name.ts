import { randomInt } from 'node:crypto';

const ADJECTIVES = [
  'Brave',
  'Calm',
  'Clever',
  'Eager',
  'Gentle',
  'Happy',
  'Jolly',
  'Kind',
  'Lively',
  'Lucky',
  'Mighty',
  'Nimble',
  'Proud',
  'Quick',
  'Quiet',
  'Bold',
  'Bright',
  'Witty',
  'Swift',
  'Sunny',
] as const;
const ANIMALS = [
  'Fox',
  'Owl',
  'Otter',
  'Panda',
  'Tiger',
  'Wolf',
  'Hawk',
  'Lynx',
  'Bear',
  'Heron',
  'Koala',
  'Moose',
  'Raven',
  'Seal',
  'Yak',
  'Zebra',
  'Falcon',
  'Badger',
  'Bison',
  'Crane',
] as const;

/** A human-friendly name such as `Brave_Fox`; not unique, only a label. */
export function readableName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}_${ANIMALS[randomInt(ANIMALS.length)]}`;
}
