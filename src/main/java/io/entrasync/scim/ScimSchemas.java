package io.entrasync.scim;

/** SCIM schema URNs used by the provisioning API. */
public final class ScimSchemas {
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String CONTENT_TYPE = "application/scim+json";

    private ScimSchemas() {
    }
}
