/**
 * Stands in for Payload's own Publish and Unpublish buttons: the live article changes only
 * through the review workflow's actions in the sidebar, which the server enforces anyway.
 */
export function LiveWritesThroughWorkflow() {
  return null
}
