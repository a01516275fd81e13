import * as migration_20261125_235818_initial from './20261125_235818_initial';
import * as migration_20261126_030310_locale_row_indexes from './20261126_030310_locale_row_indexes';
import * as migration_20261204_054751_translation_approved_content from './20261204_054751_translation_approved_content';
import * as migration_20261204_081913_leases from './20261204_081913_leases';
import * as migration_20261204_101934_suppressions from './20261204_101934_suppressions';
import * as migration_20261204_102035_evidence_and_review_fields from './20261204_102035_evidence_and_review_fields';
import * as migration_20261204_123534_readability from './20261204_123534_readability';
import * as migration_20261204_123608_digests from './20261204_123608_digests';
import * as migration_20261204_124012_throttled_attempts from './20261204_124012_throttled_attempts';
import * as migration_20261204_160224_suppression_lifted_at from './20261204_160224_suppression_lifted_at';
import * as migration_20261204_215227_send_preparation from './20261204_215227_send_preparation';
import * as migration_20261206_071037_ledger_and_follower_indexes from './20261206_071037_ledger_and_follower_indexes';

export const migrations = [
  {
    up: migration_20261125_235818_initial.up,
    down: migration_20261125_235818_initial.down,
    name: '20261125_235818_initial',
  },
  {
    up: migration_20261126_030310_locale_row_indexes.up,
    down: migration_20261126_030310_locale_row_indexes.down,
    name: '20261126_030310_locale_row_indexes',
  },
  {
    up: migration_20261204_054751_translation_approved_content.up,
    down: migration_20261204_054751_translation_approved_content.down,
    name: '20261204_054751_translation_approved_content',
  },
  {
    up: migration_20261204_081913_leases.up,
    down: migration_20261204_081913_leases.down,
    name: '20261204_081913_leases',
  },
  {
    up: migration_20261204_101934_suppressions.up,
    down: migration_20261204_101934_suppressions.down,
    name: '20261204_101934_suppressions',
  },
  {
    up: migration_20261204_102035_evidence_and_review_fields.up,
    down: migration_20261204_102035_evidence_and_review_fields.down,
    name: '20261204_102035_evidence_and_review_fields',
  },
  {
    up: migration_20261204_123534_readability.up,
    down: migration_20261204_123534_readability.down,
    name: '20261204_123534_readability',
  },
  {
    up: migration_20261204_123608_digests.up,
    down: migration_20261204_123608_digests.down,
    name: '20261204_123608_digests',
  },
  {
    up: migration_20261204_124012_throttled_attempts.up,
    down: migration_20261204_124012_throttled_attempts.down,
    name: '20261204_124012_throttled_attempts',
  },
  {
    up: migration_20261204_160224_suppression_lifted_at.up,
    down: migration_20261204_160224_suppression_lifted_at.down,
    name: '20261204_160224_suppression_lifted_at',
  },
  {
    up: migration_20261204_215227_send_preparation.up,
    down: migration_20261204_215227_send_preparation.down,
    name: '20261204_215227_send_preparation',
  },
  {
    up: migration_20261206_071037_ledger_and_follower_indexes.up,
    down: migration_20261206_071037_ledger_and_follower_indexes.down,
    name: '20261206_071037_ledger_and_follower_indexes'
  },
];
