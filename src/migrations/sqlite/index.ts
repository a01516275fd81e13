import * as migration_20261125_232258_initial from './20261125_232258_initial';

export const migrations = [
  {
    up: migration_20261125_232258_initial.up,
    down: migration_20261125_232258_initial.down,
    name: '20261125_232258_initial'
  },
];
