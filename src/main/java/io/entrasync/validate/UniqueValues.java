package io.entrasync.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.RejectionReason;
import io.entrasync.mapping.UniqueRule;
import io.entrasync.scim.ScimUser;
import io.entrasync.source.SourceRecord;
import io.entrasync.text.Printable;

/**
 * Gives each person of one extract a value of one unique attribute, in {@link ExtractPipeline}'s two passes:
 * <ol>
 * <li>{@link #claim} (first pass): a person who already has a value from this source and whose candidates still
 * include it keeps it; everyone else is a claimant, kept as the hashes of their candidates (no text, no POJO);
 * candidate 0 of namesakes is evaluated once ({@link FirstCandidateMemo});</li>
 * <li>{@link #assign} (between the passes): claimants in externalId order (never row order) take their first
 * candidate that nobody has: not given before by this source ({@link UniqueClaims}), not taken by a claimant
 * before them; then, with a counter, candidate 0 numbered 2, 3, … (each base remembers its next number, so 10,000
 * namesakes cost 10,000 steps, not 50 million);</li>
 * <li>{@link #apply} (second pass): writes the value into the valid user and records it as given.</li>
 * </ol>
 */
final class UniqueValues {

    static final int MAX_NOTES = 20;
    private static final int UNSET = -1;
    private static final int NO_VALUE = -2;
    private static final int GIVEN_BEFORE = -1;
    /** In {@link #takenNow} and {@link #holderOfFirst}: another account in the directory holds the value. */
    private static final int IN_DIRECTORY = -3;

    private final Mapping mapping;
    private final UniqueRule rule;
    private final UniqueClaims.Given given;
    private final ExternalIdIndex ids;
    private final int listed;
    /** Per externalId key: UNSET, NO_VALUE, a listed candidate 0..listed-1, or listed + the counter's number. */
    private int[] choice = new int[0];
    private final BitSet claimed = new BitSet();
    private final BitSet keepers = new BitSet();
    private final ClaimantList claimants;
    private final FirstCandidateMemo firstCandidates;
    /** Values the claimants of this extract took, to the externalId key that took them. */
    private LongIntTable takenNow = new LongIntTable(1024);
    /**
     * Per externalId key of a person whose candidate 0 was taken: the key that took it, or {@link #GIVEN_BEFORE}
     * (for the notes; four bytes a person instead of keeping {@link #takenNow} through the second pass).
     */
    private int[] holderOfFirst = new int[0];
    private final Map<CounterBase, int[]> nextNumber = new HashMap<>();
    private final DirectoryCheck directory;
    /** Per externalId key of a claimant whose values the directory check sees: the listed candidates' text. */
    private final Map<Integer, String[]> checkedTexts = new HashMap<>();
    private long heldInDirectory;
    private long unchecked;
    private long lookups;
    private long kept;
    private long assigned;
    private long displaced;
    private long unassigned;
    private final List<String> notes = new ArrayList<>();

    private record CounterBase(long rawBefore, int lengthBefore, long rawAfter, int lengthAfter) {
    }

    UniqueValues(Mapping mapping, UniqueRule rule, UniqueClaims claims, ExternalIdIndex ids) {
        this(mapping, rule, claims, ids, DirectoryCheck.OFF);
    }

    UniqueValues(Mapping mapping, UniqueRule rule, UniqueClaims claims, ExternalIdIndex ids, DirectoryCheck directory) {
        this.directory = directory;
        this.mapping = mapping;
        this.rule = rule;
        this.given = claims.of(rule.attribute());
        this.ids = ids;
        this.listed = rule.listedCandidates();
        this.claimants = new ClaimantList(listed, rule.counter() != UniqueRule.Counter.NONE);
        this.firstCandidates = new FirstCandidateMemo(mapping, rule);
    }

    /** First pass: the record of externalId key {@code key}; a second record with the same key is ignored. */
    void claim(SourceRecord record, String externalId, int key) {
        if (key >= choice.length) {
            int old = choice.length;
            choice = Arrays.copyOf(choice, Math.max(key + 1, old + (old >> 1) + 16));
            Arrays.fill(choice, old, choice.length, UNSET);
        }
        if (claimed.get(key)) {
            return;
        }
        claimed.set(key);
        String first = firstCandidates.first(record);
        if (first == null) {
            return; // the record's own mapping rejects it
        }
        int entry = given.current(UniqueHash.ofPerson(externalId));
        if (entry >= 0) {
            int keeps = keptChoice(entry, first, record);
            if (keeps != UNSET) {
                choice[key] = keeps;
                keepers.set(key);
                kept++;
                return;
            }
        }
        long[] hashes = new long[listed];
        // text is kept only for as many new people as the check may look up: the rest are sent unchecked anyway
        String[] texts = checkedTexts.size() < directory.budget() ? new String[listed] : null;
        for (int i = 0; i < listed; i++) {
            String candidate = i == 0 ? first : mapping.candidate(rule, i, record);
            hashes[i] = candidate == null ? 0 : UniqueHash.of(candidate);
            if (texts != null) {
                texts[i] = candidate;
            }
        }
        if (texts != null) {
            checkedTexts.put(key, texts);
        } else if (directory.budget() > 0) {
            unchecked++;
        }
        String[] parts = rule.counterParts(first);
        claimants.add(key, hashes, parts);
    }

    /** The choice that keeps the value the person has, or UNSET when none of their candidates gives it any more. */
    private int keptChoice(int entry, String first, SourceRecord record) {
        long value = given.value(entry);
        int number = given.number(entry);
        if (number >= UniqueRule.FIRST_NUMBER) {
            return rule.counter() != UniqueRule.Counter.NONE && UniqueHash.of(rule.numbered(first, number)) == value
                    ? listed + number : UNSET;
        }
        for (int i = 0; i < listed; i++) {
            String candidate = i == 0 ? first : mapping.candidate(rule, i, record);
            if (candidate != null && UniqueHash.of(candidate) == value) {
                return i;
            }
        }
        return UNSET;
    }

    /** Between the passes: gives every claimant a value, in externalId order. */
    void assign() {
        takenNow.expect(claimants.size());
        holderOfFirst = new int[choice.length];
        int[] order = claimants.orderBy(ids::compare);
        for (int claimant : order) {
            int key = claimants.key(claimant);
            choice[key] = choose(claimant, key);
        }
        int giving = claimants.size();
        claimants.release();
        takenNow = new LongIntTable(0);
        given.expect(giving);
    }

    private int choose(int claimant, int key) {
        String[] texts = checkedTexts.remove(key);
        for (int i = 0; i < listed; i++) {
            long hash = claimants.hash(claimant, i);
            if (hash != 0 && take(hash, key, texts == null ? null : texts[i])) {
                assigned++;
                displaced += i == 0 ? 0 : 1;
                return i;
            }
            if (i == 0) {
                int holder = takenNow.get(hash);
                holderOfFirst[key] = holder == LongIntTable.ABSENT ? GIVEN_BEFORE : holder;
            }
        }
        if (!claimants.counted()) {
            unassigned++;
            return NO_VALUE;
        }
        CounterBase base = new CounterBase(claimants.rawBefore(claimant), claimants.lengthBefore(claimant),
                claimants.rawAfter(claimant), claimants.lengthAfter(claimant));
        int[] next = nextNumber.computeIfAbsent(base, b -> new int[] {UniqueRule.FIRST_NUMBER});
        for (int n = next[0]; n > 0; n++) {
            if (take(UniqueHash.numbered(base.rawBefore(), base.lengthBefore(), n, base.rawAfter(),
                    base.lengthAfter()), key, texts == null ? null : rule.numbered(texts[0], n))) {
                next[0] = n + 1;
                assigned++;
                displaced++;
                return listed + n;
            }
        }
        unassigned++;
        return NO_VALUE;
    }

    /** Takes the value for {@code key} unless someone has it; {@code text}: the value, to check in the directory. */
    private boolean take(long hash, int key, String text) {
        lookups++;
        if (given.taken(hash) || takenNow.contains(hash)) {
            return false;
        }
        if (text != null) {
            DirectoryCheck.Answer answer = directory.check(rule.attribute(), text, ids.externalId(key));
            if (answer == DirectoryCheck.Answer.HELD) {
                heldInDirectory++;
                takenNow.put(hash, IN_DIRECTORY); // nobody else in this run gets it either
                return false;
            }
            if (answer == DirectoryCheck.Answer.UNCHECKED && directory.budget() > 0) {
                unchecked++;
            }
        }
        takenNow.put(hash, key);
        return true;
    }

    /**
     * Second pass, for a valid user: writes the person's value into it and records it as given.
     *
     * @return the error that rejects the record when no candidate is free, else {@code null}
     */
    FieldError apply(ScimUser user, SourceRecord record, int key) {
        int chosen = key < 0 || key >= choice.length ? UNSET : choice[key];
        if (chosen == UNSET) {
            return null;
        }
        String mapped = rule.mappedValue(user.data());
        String first = mapped != null ? mapped : mapping.candidate(rule, 0, record);
        if (chosen == NO_VALUE) {
            return new FieldError(rule.attribute(), RejectionReason.NOT_UNIQUE, "every candidate of "
                    + rule.where() + " is taken ('" + Printable.escape(first) + "' and the rest) and the rule has no "
                    + "counter: for the mapping owner, add a candidate under " + rule.where() + ".then or set "
                    + rule.where() + ".counter (docs/mapping.md, Unique values)");
        }
        // candidate 0 is the value the mapping already wrote: evaluating it again cost as much as the rest of apply
        String value = chosen == 0 ? first : chosen < listed ? mapping.candidate(rule, chosen, record)
                : rule.numbered(first, chosen - listed);
        if (chosen != 0) {
            rule.put(user.data(), first, value);
            if (!keepers.get(key)) {
                note(record, key, first, value);
            }
        }
        given.give(UniqueHash.ofPerson(user.externalId()), UniqueHash.of(value), chosen < listed ? 0 : chosen - listed);
        return null;
    }

    private void note(SourceRecord record, int key, String first, String value) {
        if (notes.size() >= MAX_NOTES) {
            return;
        }
        int taker = holderOfFirst[key];
        String by = taker == GIVEN_BEFORE ? "was given before by this source"
                : taker == IN_DIRECTORY ? "is taken in the directory by another account"
                : "goes to externalId " + Printable.escape(ids.externalId(taker)) + " (line " + ids.firstLine(taker)
                        + ")";
        notes.add(record.location() + ": " + rule.attribute() + " '" + Printable.escape(first) + "' " + by
                + "; this person gets '" + Printable.escape(value) + "'");
    }

    /** What happened, for the summary. */
    UniqueSummary summary() {
        return new UniqueSummary(rule.attribute(), kept, assigned, displaced, unassigned, List.copyOf(notes),
                new UniqueSummary.Directory(directory.budget() > 0, heldInDirectory, unchecked));
    }

    /** Candidate checks against the taken values so far: grows linearly with the claimants. */
    long lookups() {
        return lookups;
    }
}
