package io.entrasync.mapping;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;
import io.entrasync.source.SourceRecord;

/**
 * A loaded, compiled mapping: turns one {@link SourceRecord} into a complete SCIM user, or into the list of
 * reasons it cannot be one. Immutable and thread-safe. Load one with {@link MappingLoader#load}; the file format is
 * documented in {@code docs/mapping.md}.
 * <pre>{@code
 * Mapping mapping = MappingLoader.load(Path.of("samples/mappings/microsoft-sample.yaml"));
 * mapping.validateAgainst(reader.columns(), "extract.csv");   // MappingException: unknown columns
 * MappingResult result = mapping.map(record);
 * if (result.isValid()) send(result.user()); else report(result.errors());
 * }</pre>
 *
 * <p>The user's {@code data} always has {@code schemas} (core, enterprise and exactly the custom namespaces this
 * user has values in), {@code externalId}, {@code active} as a JSON boolean and {@code userName}. Empty values are
 * left out, or sent as {@code null} with {@code options.emptyValues: null}. This class checks single records; that
 * externalIds are unique across an extract is checked by {@code io.entrasync.validate.ExtractPipeline}.
 */
public final class Mapping {

    /**
     * The longest text value sent, unless the mapping's {@code options.maxValueLength} says otherwise: the longest
     * string attribute of an Entra ID user (streetAddress, 1024 characters); most hold far less (displayName 256).
     */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 1024;
        private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One attribute: where it goes in {@code data}, where its value comes from, its type. */
    record FieldRule(String field, String where, String[] path, ValueSource source, ValueType type, String format,
            RejectionReason missingReason) implements Rule {
    }

    /** A multi-valued attribute ({@code emails}); each entry is sent when it has a value besides type/primary. */
    record MultiValuedRule(String attribute, List<List<FieldRule>> entries) implements Rule {
    }

    sealed interface Rule permits FieldRule, MultiValuedRule {
    }

    private final String source;
    private final List<Rule> rules;
    private final FieldRule externalIdRule;
    private final List<String> customNamespaces;
    private final boolean emptyAsNull;
    private final int maxValueLength;
    private final List<String> warnings;
    /** The time seam: {@code today} and {@code now} come from it, in its zone (the source's time zone). */
    private final Clock clock;
    private final boolean usesTime;
    private final List<UniqueRule> uniqueRules;
    private final MappingLines lines;
    /** {@code options.preHire}, or null. */
    private final PreHire preHire;

    Mapping(String source, List<Rule> rules, FieldRule externalIdRule, List<String> customNamespaces,
            boolean emptyAsNull, int maxValueLength, List<String> warnings) {
        this.source = source;
        this.maxValueLength = maxValueLength;
        this.warnings = List.copyOf(warnings);
        this.rules = List.copyOf(rules);
        this.externalIdRule = externalIdRule;
        this.customNamespaces = List.copyOf(customNamespaces);
        this.emptyAsNull = emptyAsNull;
        this.clock = Clock.systemUTC();
        this.usesTime = anyUsesTime(this.rules);
        this.uniqueRules = List.of();
        this.lines = MappingLines.none();
        this.preHire = null;
    }

    private Mapping(Mapping base, Clock clock, List<UniqueRule> uniqueRules, MappingLines lines, PreHire preHire) {
        this.source = base.source;
        this.rules = base.rules;
        this.externalIdRule = base.externalIdRule;
        this.customNamespaces = base.customNamespaces;
        this.emptyAsNull = base.emptyAsNull;
        this.maxValueLength = base.maxValueLength;
        this.warnings = base.warnings;
        this.usesTime = base.usesTime || preHire != null;
        this.clock = clock;
        this.uniqueRules = List.copyOf(uniqueRules);
        this.lines = lines;
        this.preHire = preHire;
    }

    /** This mapping with {@code today} and {@code now} in {@code zone} (a source's {@code time-zone}). */
    public Mapping inTimeZone(ZoneId zone) {
        return new Mapping(this, clock.withZone(zone), uniqueRules, lines, preHire);
    }

    /** This mapping reading the time from {@code clock}, still in this mapping's time zone. */
    public Mapping at(Clock time) {
        return new Mapping(this, time.withZone(clock.getZone()), uniqueRules, lines, preHire);
    }

    /** This mapping with the parts read from the file after its rules: unique values, lines, the pre-hire hold. */
    Mapping withFileParts(List<UniqueRule> unique, MappingLines fileLines, PreHire hold) {
        return new Mapping(this, clock, unique, fileLines, hold);
    }

    /**
     * Which mapping entry makes each Entra ID property the service keeps unique, and its line, for reports of a
     * conflict: {@code userPrincipalName → "user.userName" at microsoft-sample.yaml:13}; see {@link RuleOrigins}.
     */
    public Map<String, String> ruleOrigins() {
        return RuleOrigins.of(source, rules, uniqueRules, lines);
    }

    /** The attributes declared unique ({@code unique:} in the mapping), in file order; empty when none. */
    public List<UniqueRule> uniqueRules() {
        return uniqueRules;
    }

    /**
     * One listed candidate of a unique attribute for a record ({@code index} 0: the attribute's own rule), or
     * {@code null} when it is empty or cannot be computed (the record's own mapping then says why).
     */
    public String candidate(UniqueRule rule, int index, SourceRecord record) {
        Evaluated evaluated = evaluate(index == 0 ? rule.base() : rule.then().get(index - 1), record);
        return evaluated.value() == null || !evaluated.value().isTextual() ? null : evaluated.value().textValue();
    }

    /** The time zone of {@code today} and {@code now} (UTC unless {@link #inTimeZone} said otherwise). */
    public ZoneId timeZone() {
        return clock.getZone();
    }

    /** Whether an attribute reads {@code today} or {@code now}: a record's result can change with no change in it. */
    public boolean dependsOnTime() {
        return usesTime;
    }

    private static boolean anyUsesTime(List<Rule> rules) {
        for (Rule rule : rules) {
            List<FieldRule> fields = rule instanceof FieldRule field ? List.of(field)
                    : ((MultiValuedRule) rule).entries().stream().flatMap(List::stream).toList();
            for (FieldRule field : fields) {
                if (field.source() instanceof ValueSource.Expression expression && expression.compiled().usesTime()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the mapping check found worth a look but not wrong: expressions that can grow with the data. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the mapping came from (its file name). */
    public String source() {
        return source;
    }

    /** The custom namespaces ({@code urn:...}) the mapping can write, in file order. */
    public List<String> customNamespaces() {
        return customNamespaces;
    }

    /**
     * Every attribute the mapping can send, in mapping order ({@code schemas}, {@code externalId} and the multi-valued
     * entries' {@code type}/{@code primary} included as they are).
     */
    public List<MappedAttribute> attributes() {
        return MappedAttribute.of(rules);
    }

    /** Every column the mapping reads, in mapping order. */
    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        forEachField(rule -> columns.addAll(rule.source().columns()));
        return columns;
    }

    /** The columns the externalId is computed from (enough to index an extract's externalIds). */
    public Set<String> externalIdColumns() {
        return externalIdRule.source().columns();
    }

    /**
     * Checks that every column the mapping reads exists in the extract, before any record is read.
     *
     * @param header the extract's column names
     * @param extractName for the message
     * @throws MappingException listing each unknown column, where the mapping uses it, and the closest header name
     */
    public void validateAgainst(Collection<String> header, String extractName) {
        Set<String> known = new HashSet<>(header);
        Set<String> problems = new LinkedHashSet<>();
        forEachField(rule -> {
            for (String column : rule.source().columns()) {
                if (!known.contains(column)) {
                    problems.add(rule.where() + ": column '" + column + "' is not in the header of " + extractName
                            + Hints.didYouMean(column, header));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new MappingException(source, new ArrayList<>(problems));
        }
    }

    /** {@link #validateAgainst(Collection, String)} with a generic extract name. */
    public void validateAgainst(Collection<String> header) {
        validateAgainst(header, "the extract");
    }

    /**
     * The record's externalId, or {@code null} when it is empty or cannot be computed. Cheap: evaluates only the
     * externalId rule (used to index an extract's externalIds before mapping it).
     */
    public String externalIdOf(SourceRecord record) {
        try {
            JsonNode value = ValueConversion.convert(externalIdRule, externalIdRule.source().value(record));
            return value == null ? null : value.asText();
        } catch (MappingExpressions.EvaluationFailure e) {
            return null;
        }
    }

    /** The externalId read from the values of a row that could not be parsed as a whole, when possible. */
    public String externalIdOfPartialRow(SourceRecord partial) {
        return externalIdRule.source() instanceof ValueSource.Column column && partial.get(column.column()) != null
                ? externalIdOf(partial) : null;
    }

    /** Maps one record to a complete SCIM user, or to every reason it cannot be one. */
    public MappingResult map(SourceRecord record) {
        if (!usesTime) {
            return mapNow(record, null);
        }
        try (TimeScope scope = TimeScope.open(clock)) {
            return mapNow(record, scope);
        }
    }

    @SuppressWarnings("ReferenceEquality") // the externalId rule is found by identity: it is one of these rules
    private MappingResult mapNow(SourceRecord record, TimeScope scope) {
        ObjectNode data = JSON.objectNode();
        ArrayNode schemas = data.putArray("schemas");
        schemas.add(ScimSchemas.CORE_USER);
        schemas.add(ScimSchemas.ENTERPRISE_USER);
        List<FieldError> errors = null;
        String externalId = null;
        for (Rule rule : rules) {
            if (rule instanceof FieldRule field) {
                Evaluated evaluated = evaluate(field, record);
                if (evaluated.error() != null) {
                    errors = add(errors, evaluated.error());
                    continue;
                }
                JsonNode value = evaluated.value();
                if (value == null) {
                    if (field.missingReason() != null) {
                        errors = add(errors, new FieldError(field.field(), field.missingReason(),
                                ValueConversion.describe(field) + " is empty; every user needs " + field.field()));
                        continue;
                    }
                    if (!emptyAsNull) {
                        continue;
                    }
                    value = NullNode.instance;
                }
                if (field == externalIdRule) {
                    externalId = value.asText();
                }
                put(data, field.path(), value);
            } else {
                errors = mapMultiValued((MultiValuedRule) rule, record, data, errors);
            }
        }
        for (String namespace : customNamespaces) {
            if (data.has(namespace)) {
                schemas.add(namespace);
            }
        }
        LocalDate sendFrom = null;
        if (preHire != null && scope != null && errors == null) {
            Evaluated start = evaluate(preHire.startDate(), record);
            try {
                sendFrom = start.error() != null ? null : preHire.heldUntil(start.value(), LocalDate.now(clock));
            } catch (IllegalArgumentException notADate) {
                errors = add(errors, new FieldError("preHire.startDate", RejectionReason.INVALID_DATE,
                        notADate.getMessage()));
            }
            errors = start.error() == null ? errors : add(errors, start.error());
        }
        Instant changesAt = scope == null ? null : scope.nextChange().orElse(null);
        if (errors != null) {
            return new MappingResult(null, externalId, errors, changesAt, null);
        }
        if (sendFrom != null) {
            Instant from = sendFrom.atStartOfDay(clock.getZone()).toInstant();
            changesAt = changesAt == null || from.isBefore(changesAt) ? from : changesAt;
        }
        return new MappingResult(new ScimUser(externalId, record.position(), data), externalId, List.of(), changesAt,
                sendFrom == null ? null : PreHire.held(sendFrom, preHire.sendDaysAhead()));
    }

    private List<FieldError> mapMultiValued(MultiValuedRule rule, SourceRecord record, ObjectNode data,
            List<FieldError> errors) {
        ArrayNode array = null;
        for (List<FieldRule> entry : rule.entries()) {
            ObjectNode item = JSON.objectNode();
            boolean hasValue = false;
            for (FieldRule field : entry) {
                Evaluated evaluated = evaluate(field, record);
                if (evaluated.error() != null) {
                    errors = add(errors, evaluated.error());
                    continue;
                }
                if (evaluated.value() == null) {
                    continue;
                }
                item.set(field.path()[0], evaluated.value());
                hasValue |= !ScimAttributes.MULTI_LITERALS.contains(field.path()[0]);
            }
            if (hasValue) {
                if (array == null) {
                    array = data.putArray(rule.attribute());
                }
                array.add(item);
            }
        }
        return errors;
    }

    /** A field's value for one record ({@code null} when empty), or the error that rejects the record. */
    private record Evaluated(JsonNode value, FieldError error) {
    }

    private Evaluated evaluate(FieldRule field, SourceRecord record) {
        try {
            JsonNode value = ValueConversion.convert(field, field.source().value(record));
            return new Evaluated(checkLength(field, value), null);
        } catch (MappingExpressions.EvaluationFailure e) {
            return new Evaluated(null, new FieldError(field.field(), e.reason, e.getMessage()));
        }
    }

    /** A text longer than {@link #maxValueLength} is a rejection: the service would refuse or cut it. */
    private JsonNode checkLength(FieldRule rule, JsonNode value) throws MappingExpressions.EvaluationFailure {
        if (value != null && value.isTextual() && value.textValue().length() > maxValueLength) {
            throw new MappingExpressions.EvaluationFailure(RejectionReason.TOO_LONG, ValueConversion.describe(rule)
                    + " gives " + value.textValue().length() + " characters, more than the " + maxValueLength
                    + " an attribute can hold (options.maxValueLength of the mapping)");
        }
        return value;
    }

    static void put(ObjectNode data, String[] path, JsonNode value) {
        ObjectNode parent = data;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
        }
        parent.set(path[path.length - 1], value);
    }

    private static List<FieldError> add(List<FieldError> errors, FieldError error) {
        List<FieldError> list = errors == null ? new ArrayList<>(2) : errors;
        list.add(error);
        return list;
    }

    private void forEachField(Consumer<FieldRule> action) {
        for (Rule rule : rules) {
            if (rule instanceof FieldRule field) {
                action.accept(field);
            } else {
                ((MultiValuedRule) rule).entries().forEach(entry -> entry.forEach(action));
            }
        }
        uniqueRules.forEach(unique -> unique.then().forEach(action));
    }
}
