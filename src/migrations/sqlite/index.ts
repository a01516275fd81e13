import * as migration_20261125_235818_initial from './20261125_235818_initial';

export const migrations = [
  {
    up: migration_20261125_235818_initial.up,
    down: migration_20261125_235818_initial.down,
    name: '20261125_235818_initial'
  },
];
