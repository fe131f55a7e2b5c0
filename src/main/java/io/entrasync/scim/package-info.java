/**
 * The SCIM messages of bulkUpload: the user as sent ({@link io.entrasync.scim.ScimUser}), the schema URNs, and the
 * BulkRequest writer that serialises up to 50 users to bytes. Entry point:
 * {@link io.entrasync.scim.BulkRequestWriter}.
 */
package io.entrasync.scim;
