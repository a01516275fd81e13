import * as migration_20261125_232649_initial from './20261125_232649_initial';

export const migrations = [
  {
    up: migration_20261125_232649_initial.up,
    down: migration_20261125_232649_initial.down,
    name: '20261125_232649_initial'
  },
];
