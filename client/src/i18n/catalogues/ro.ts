import type { Catalogue } from '../types';

export const catalogue: Catalogue = {
  review: 'Written by the developers with care; awaits review by a qualified translator.',
  messages: {},
};
