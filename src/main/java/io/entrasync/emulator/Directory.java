package io.entrasync.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated tenant directory: users keyed by the matching attribute (externalId, stored as employeeId), plus a
 * userName index for the uniqueness rule, plus accounts no provisioning made (cloud-only users a test adds, without
 * an employeeId). Callers that read-modify-write hold the directory's monitor.
 */
final class Directory {

    /** The mutable state of one user; only touched while holding the directory's monitor. */
    static final class Entry {
        final String objectId = UUID.randomUUID().toString();
        final String externalId;
        final Instant created;
        String userName;
        boolean accountEnabled;
        ObjectNode attributes;
        String managerExternalId;
        String unresolvedManagerExternalId;
        Instant lastModified;

        Entry(String externalId, Instant created) {
            this.externalId = externalId;
            this.created = created;
            this.lastModified = created;
        }

        String displayName() {
            return attributes.path("displayName").isTextual() ? attributes.get("displayName").textValue() : "";
        }

        UserView view() {
            return new UserView(objectId, externalId, userName, displayName(), accountEnabled, managerExternalId,
                    unresolvedManagerExternalId, attributes.deepCopy(), created, lastModified);
        }
    }

    private final Map<String, Entry> byExternalId = new LinkedHashMap<>();
    private final Map<String, String> externalIdByUserName = new LinkedHashMap<>();
    private final List<CloudOnly> cloudOnly = new ArrayList<>();

    /** An account made in the portal or by another tool: no employeeId, so no provisioning job matches it. */
    record CloudOnly(String objectId, String userPrincipalName, String mail) {
    }

    synchronized void addCloudOnly(String userPrincipalName, String mail) {
        cloudOnly.add(new CloudOnly(UUID.randomUUID().toString(), userPrincipalName, mail));
    }

    /**
     * The accounts whose {@code property} (userPrincipalName or mail) equals {@code value}, ignoring case as Graph's
     * {@code eq} does for these properties: {@code [id, userPrincipalName, mail, employeeId]} each.
     */
    synchronized List<String[]> withProperty(String property, String value) {
        boolean upn = property.equals("userPrincipalName");
        List<String[]> found = new ArrayList<>();
        for (Entry entry : byExternalId.values()) {
            String mail = entry.attributes == null ? null : firstEmail(entry.attributes);
            if (value.equalsIgnoreCase(upn ? entry.userName : mail)) {
                found.add(new String[] {entry.objectId, entry.userName, mail, entry.externalId});
            }
        }
        for (CloudOnly account : cloudOnly) {
            if (value.equalsIgnoreCase(upn ? account.userPrincipalName() : account.mail())) {
                found.add(new String[] {account.objectId(), account.userPrincipalName(), account.mail(), null});
            }
        }
        return found;
    }

    private static String firstEmail(ObjectNode attributes) {
        return attributes.path("emails").path(0).path("value").isTextual()
                ? attributes.path("emails").path(0).path("value").textValue() : null;
    }

    synchronized Entry get(String externalId) {
        return byExternalId.get(externalId);
    }

    /**
     * The externalId of another user that already holds {@code userName} (case-insensitive, like a UPN), if any; an
     * empty text when a cloud-only account holds it.
     */
    synchronized Optional<String> userNameHolder(String userName, String exceptExternalId) {
        if (userName == null) {
            return Optional.empty();
        }
        if (cloudOnly.stream().anyMatch(account -> userName.equalsIgnoreCase(account.userPrincipalName()))) {
            return Optional.of("");
        }
        String holder = externalIdByUserName.get(userName.toLowerCase(Locale.ROOT));
        return holder == null || holder.equals(exceptExternalId) ? Optional.empty() : Optional.of(holder);
    }

    synchronized void put(Entry entry, String previousUserName) {
        if (previousUserName != null) {
            externalIdByUserName.remove(previousUserName.toLowerCase(Locale.ROOT));
        }
        if (entry.userName != null) {
            externalIdByUserName.put(entry.userName.toLowerCase(Locale.ROOT), entry.externalId);
        }
        byExternalId.put(entry.externalId, entry);
    }

    synchronized Optional<UserView> view(String externalId) {
        return Optional.ofNullable(byExternalId.get(externalId)).map(Entry::view);
    }

    synchronized List<UserView> views() {
        List<UserView> out = new ArrayList<>(byExternalId.size());
        byExternalId.values().forEach(e -> out.add(e.view()));
        return out;
    }

    synchronized int size() {
        return byExternalId.size();
    }

    synchronized void clear() {
        byExternalId.clear();
        cloudOnly.clear();
        externalIdByUserName.clear();
    }
}
