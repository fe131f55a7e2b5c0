package io.entrasync.plan;

import java.util.List;

import io.entrasync.scim.ScimUser;

/**
 * One bulkUpload call's worth of users (1 to 50), in plan order.
 *
 * @param index the batch's position in its plan, from 0; the resume offset of an interrupted upload
 * @param users the users to send
 */
public record Batch(int index, List<ScimUser> users) {

    public Batch {
        users = List.copyOf(users);
    }

    public List<RecordRef> records() {
        return users.stream().map(user -> new RecordRef(user.externalId(), user.sourcePosition())).toList();
    }
}
