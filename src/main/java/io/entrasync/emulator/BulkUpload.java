package io.entrasync.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated bulkUpload request: its operations in request order. */
record BulkUpload(List<Operation> operations) {

    BulkUpload {
        operations = List.copyOf(operations);
    }

    /** One POST /Users operation; {@code data} is the SCIM user exactly as sent. */
    record Operation(int index, String bulkId, String externalId, ObjectNode data) {
    }
}
