package io.entrasync.mapping;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.Program;

/**
 * The expression language of mapping files: CEL (Common Expression Language, {@code dev.cel:cel}). CEL is
 * sandboxed by design: no I/O, no reflection, no loops without bounds, no access to the JVM; an expression can only
 * read the row and call the functions declared here. Expressions are compiled and type-checked once, when the
 * mapping is loaded.
 *
 * <p>The row is the variable {@code row}, a {@code map(string, string)}: {@code row.WorkerID}, or
 * {@code row["Hire Date"]} for column names that are not identifiers. Helpers, besides CEL's standard operators
 * ({@code +}, {@code ==}, {@code ? :}, {@code in}, {@code size}, {@code startsWith}, {@code matches}, ...) and the
 * CEL strings extension ({@code s.trim()}, {@code s.replace(a, b)}, {@code s.split(sep)}, {@code list.join(sep)},
 * {@code s.substring(i, j)}, {@code s.lowerAscii()}, ...):
 * <ul>
 * <li>{@code lower(s)}, {@code upper(s)}, {@code titleCase(s)}: Unicode case mapping;</li>
 * <li>{@code ascii(s)}: diacritics removed ({@code "Zoë Łukasz"} → {@code "Zoe Lukasz"});</li>
 * <li>{@code asciiName(s)}: folded to ASCII by the German convention ({@code "Jürgen Weiß"} →
 *     {@code "Juergen Weiss"}), the rest as {@code ascii};</li>
 * <li>{@code ifEmpty(s, fallback)}: a default for blank values;</li>
 * <li>{@code today}, {@code now}: the date ({@code 2026-12-07}) and time in the source's time zone;
 *     {@code date(s)}, {@code date(s, "dd.MM.yyyy")}: a date as ISO text, comparable with {@code today};
 *     {@code addDays(d, n)} ({@link DateFunctions});</li>
 * <li>{@code lookup("table", key)}, {@code lookup("table", key, fallback)}: a value from the mapping's
 *     {@code lookups};</li>
 * <li>{@code isoDate(s, "dd.MM.yyyy")}, {@code isoDateTime(s, "M/d/yyyy H:mm")},
 *     {@code isoDateTime(s, pattern, "Europe/Berlin")}: dates to {@code 2021-05-01T00:00:00Z}.</li>
 * </ul>
 *
 * <p>Evaluation is bounded whatever the row holds: {@code replace} and {@code join} (the operations whose result
 * can be many times longer than their input) refuse to build a text longer than
 * {@value BoundedText#MAX_TEXT_LENGTH} characters, and the record is then rejected with that reason. (Macros such as
 * {@code map} and {@code filter} are not enabled, so there are no loops; a {@code +} chain grows only as long as the
 * expression.) Expressions that can grow with the data ({@code replace("", ...)}, chained replaces with row values)
 * are named as warnings when the mapping is loaded.
 */
final class MappingExpressions {

    static final String ROW = "row";
    /** {@code today}: the date in the source's time zone, {@code 2026-12-07} ({@link TimeScope}). */
    static final String TODAY = "today";
    /** {@code now}: the date and time in the source's time zone, {@code 2026-12-07T23:30:00+01:00}. */
    static final String NOW = "now";
    private static final CelType STRING = SimpleType.STRING;
    /** The strings extension without replace and join, which are bound here with a size limit. */
    private static final Set<CelStringExtensions.Function> STRING_FUNCTIONS = EnumSet.complementOf(
            EnumSet.of(CelStringExtensions.Function.REPLACE, CelStringExtensions.Function.JOIN));

    private final Cel cel;
    private final Map<String, Map<String, String>> lookups;
    private final List<String> warnings;

    MappingExpressions(Map<String, Map<String, String>> lookups, List<String> warnings) {
        this.lookups = deepCopy(lookups);
        this.warnings = warnings;
        this.cel = CelFactory.legacyCelBuilder()
                .addVar(ROW, MapType.create(SimpleType.STRING, SimpleType.STRING))
                .addVar(TODAY, SimpleType.STRING)
                .addVar(NOW, SimpleType.STRING)
                .addCompilerLibraries(CelExtensions.strings(STRING_FUNCTIONS))
                .addRuntimeLibraries(CelExtensions.strings(STRING_FUNCTIONS))
                .addFunctionDeclarations(declarations())
                .addFunctionBindings(bindings())
                .build();
    }

    /**
     * A compiled, type-checked expression and the columns and lookup tables it names.
     *
     * @param usesTime it reads {@code today} or {@code now}: its result can change with no change in the record
     */
    record Compiled(String source, Program program, CelType resultType, Set<String> columns, Set<String> tables,
            boolean usesTime) {
    }

    /** Thrown when an expression fails for one record; carries the reason to report. */
    static final class EvaluationFailure extends Exception {
        final RejectionReason reason;

        EvaluationFailure(RejectionReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * Compiles an expression.
     *
     * @return the problems (empty when it compiled) are added to {@code problems}, prefixed with {@code where}
     */
    Optional<Compiled> compile(String expression, String where, List<String> problems) {
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            Set<String> columns = new LinkedHashSet<>();
            Set<String> tables = new LinkedHashSet<>();
            CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> collect(node.expr(), columns, tables));
            boolean usesTime = CelNavigableAst.fromAst(ast).getRoot().allNodes().anyMatch(node ->
                    node.expr().getKind() == CelExpr.ExprKind.Kind.IDENT
                            && (TODAY.equals(node.expr().ident().name()) || NOW.equals(node.expr().ident().name())));
            warnIfGrowing(expression, where, ast);
            for (String table : tables) {
                if (!lookups.containsKey(table)) {
                    problems.add(where + ": lookup table '" + table + "' is not defined under lookups"
                            + Hints.didYouMean(table, lookups.keySet()));
                }
            }
            return Optional.of(new Compiled(expression, cel.createProgram(ast), ast.getResultType(), columns, tables,
                    usesTime));
        } catch (CelValidationException e) {
            List<String> messages = new ArrayList<>();
            for (CelIssue issue : e.getErrors()) {
                messages.add(issue.getMessage());
            }
            problems.add(where + ": the expression '" + expression + "' does not compile: "
                    + String.join("; ", messages));
            return Optional.empty();
        } catch (dev.cel.common.CelException e) {
            problems.add(where + ": the expression '" + expression + "' cannot be used: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Evaluates for one row: {@code String}, {@code Boolean}, {@code Long}, {@code Double} or a CEL value. */
    static Object evaluate(Compiled compiled, Map<String, String> row) throws EvaluationFailure {
        try {
            return compiled.program().eval(name -> ROW.equals(name) ? Optional.of(row) : timeVariable(name));
        } catch (CelEvaluationException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof LookupMissing missing) {
                    throw new EvaluationFailure(RejectionReason.NO_LOOKUP_ENTRY, missing.getMessage());
                }
                if (cause instanceof TextFunctions.DateConversionException date) {
                    throw new EvaluationFailure(RejectionReason.INVALID_DATE, date.getMessage());
                }
                if (cause instanceof BoundedText.TextTooLong) {
                    throw new EvaluationFailure(RejectionReason.TOO_LONG, "the expression '" + compiled.source()
                            + "' " + cause.getMessage());
                }
            }
            throw new EvaluationFailure(RejectionReason.EXPRESSION_FAILED,
                    "the expression '" + compiled.source() + "' failed: " + e.getMessage());
        }
    }

    /** {@code today} and {@code now} of the record being mapped; outside {@link Mapping#map}, in UTC. */
    private static Optional<Object> timeVariable(String name) {
        if (!TODAY.equals(name) && !NOW.equals(name)) {
            return Optional.empty();
        }
        Optional<TimeScope> scope = TimeScope.current();
        if (scope.isPresent()) {
            return Optional.of(TODAY.equals(name) ? scope.get().today() : scope.get().now());
        }
        try (TimeScope utc = TimeScope.open(java.time.Clock.systemUTC())) {
            return Optional.of(TODAY.equals(name) ? utc.today() : utc.now());
        }
    }

    private static void collect(CelExpr expr, Set<String> columns, Set<String> tables) {
        switch (expr.getKind()) {
            case SELECT -> {
                CelExpr operand = expr.select().operand();
                if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && ROW.equals(operand.ident().name())) {
                    columns.add(expr.select().field());
                }
            }
            case CALL -> {
                var call = expr.call();
                List<CelExpr> args = call.args();
                if ("_[_]".equals(call.function()) && args.size() == 2
                        && args.get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
                        && ROW.equals(args.get(0).ident().name()) && isString(args.get(1))) {
                    columns.add(args.get(1).constant().stringValue());
                }
                if ("lookup".equals(call.function()) && !args.isEmpty() && isString(args.get(0))) {
                    tables.add(args.get(0).constant().stringValue());
                }
            }
            default -> {
                // other nodes name no column
            }
        }
    }

    /** Names the expressions whose result can be many times longer than the row they read. */
    private void warnIfGrowing(String expression, String where, CelAbstractSyntaxTree ast) {
        boolean growing = CelNavigableAst.fromAst(ast).getRoot().allNodes().anyMatch(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() != CelExpr.ExprKind.Kind.CALL || !"replace".equals(expr.call().function())) {
                return false;
            }
            List<CelExpr> args = expr.call().args();
            if (!args.isEmpty() && isString(args.get(0)) && args.get(0).constant().stringValue().isEmpty()) {
                return true;
            }
            long target = expr.call().target().map(CelExpr::id).orElse(-1L);
            long replacement = args.size() > 1 ? args.get(1).id() : -1L;
            boolean chained = node.children().filter(child -> child.expr().id() == target)
                    .anyMatch(child -> child.allNodes().anyMatch(MappingExpressions::isReplace));
            boolean rowReplacement = node.children().filter(child -> child.expr().id() == replacement)
                    .anyMatch(child -> child.allNodes().anyMatch(MappingExpressions::isRow));
            return chained && rowReplacement;
        });
        if (growing) {
            warnings.add(where + ": the expression '" + expression + "' can grow with the data (replace(\"\", ...) "
                    + "inserts the replacement between every character; chained replace() with values from the row "
                    + "multiplies the length); a record for which it would build more than "
                    + BoundedText.MAX_TEXT_LENGTH + " characters is rejected");
        }
    }

    private static boolean isReplace(dev.cel.common.navigation.CelNavigableExpr node) {
        return node.expr().getKind() == CelExpr.ExprKind.Kind.CALL && "replace".equals(node.expr().call().function());
    }

    private static boolean isRow(dev.cel.common.navigation.CelNavigableExpr node) {
        return node.expr().getKind() == CelExpr.ExprKind.Kind.IDENT && ROW.equals(node.expr().ident().name());
    }

    private static boolean isString(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE;
    }

    private static final class LookupMissing extends RuntimeException {
        LookupMissing(String message) {
            super(message, null, false, false);
        }
    }

    private String lookup(String table, String key, String fallback) {
        Map<String, String> entries = lookups.get(table);
        if (entries == null) {
            throw new LookupMissing("lookup table '" + table + "' is not defined");
        }
        String value = entries.get(key);
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new LookupMissing("'" + key + "' is not in lookup table '" + table + "'; add it under lookups."
                + table + " or give lookup() a fallback");
    }

    private static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("lower",
                        CelOverloadDecl.newGlobalOverload("lower_string", STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("upper",
                        CelOverloadDecl.newGlobalOverload("upper_string", STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("titleCase",
                        CelOverloadDecl.newGlobalOverload("titleCase_string", STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("ascii",
                        CelOverloadDecl.newGlobalOverload("ascii_string", STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("asciiName",
                        CelOverloadDecl.newGlobalOverload("asciiName_string", STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("date",
                        CelOverloadDecl.newGlobalOverload("date_string", STRING, STRING),
                        CelOverloadDecl.newGlobalOverload("date_string_string", STRING, STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("addDays",
                        CelOverloadDecl.newGlobalOverload("addDays_string_int", STRING, STRING, SimpleType.INT)),
                CelFunctionDecl.newFunctionDeclaration("ifEmpty",
                        CelOverloadDecl.newGlobalOverload("ifEmpty_string_string", STRING, STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("lookup",
                        CelOverloadDecl.newGlobalOverload("lookup_string_string", STRING, STRING, STRING),
                        CelOverloadDecl.newGlobalOverload("lookup_string_string_string", STRING, STRING, STRING,
                                STRING)),
                CelFunctionDecl.newFunctionDeclaration("replace",
                        CelOverloadDecl.newMemberOverload("bounded_replace", STRING, STRING, STRING, STRING),
                        CelOverloadDecl.newMemberOverload("bounded_replace_n", STRING, STRING, STRING, STRING,
                                SimpleType.INT)),
                CelFunctionDecl.newFunctionDeclaration("join",
                        CelOverloadDecl.newMemberOverload("bounded_join", STRING, ListType.create(STRING)),
                        CelOverloadDecl.newMemberOverload("bounded_join_string", STRING, ListType.create(STRING),
                                STRING)),
                CelFunctionDecl.newFunctionDeclaration("isoDate",
                        CelOverloadDecl.newGlobalOverload("isoDate_string_string", STRING, STRING, STRING)),
                CelFunctionDecl.newFunctionDeclaration("isoDateTime",
                        CelOverloadDecl.newGlobalOverload("isoDateTime_string_string", STRING, STRING, STRING),
                        CelOverloadDecl.newGlobalOverload("isoDateTime_string_string_string", STRING, STRING,
                                STRING, STRING)));
    }

    private static Map<String, Map<String, String>> deepCopy(Map<String, Map<String, String>> tables) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        tables.forEach((name, entries) -> copy.put(name, Map.copyOf(entries)));
        return Collections.unmodifiableMap(copy);
    }

    // The lookup bindings read this instance's tables, which are an unmodifiable deep copy made in the constructor:
    // as thread-safe as the @Immutable CEL requires, though error-prone cannot see it through Map.
    @SuppressWarnings("Immutable")
    private List<CelFunctionBinding> bindings() {
        List<Class<?>> three = List.of(String.class, String.class, String.class);
        return List.of(
                CelFunctionBinding.from("bounded_replace", List.of(String.class, String.class, String.class),
                        args -> BoundedText.replace((String) args[0], (String) args[1], (String) args[2], -1)),
                CelFunctionBinding.from("bounded_replace_n", List.of(String.class, String.class, String.class,
                        Long.class), args -> BoundedText.replace((String) args[0], (String) args[1], (String) args[2],
                                (Long) args[3])),
                CelFunctionBinding.from("bounded_join", List.class, list -> BoundedText.join(list, "")),
                CelFunctionBinding.from("bounded_join_string", List.class, String.class, BoundedText::join),
                CelFunctionBinding.from("lower_string", String.class, TextFunctions::lower),
                CelFunctionBinding.from("upper_string", String.class, TextFunctions::upper),
                CelFunctionBinding.from("titleCase_string", String.class, TextFunctions::titleCase),
                CelFunctionBinding.from("ascii_string", String.class, TextFunctions::ascii),
                CelFunctionBinding.from("asciiName_string", String.class, TextFunctions::asciiName),
                CelFunctionBinding.from("date_string", String.class, DateFunctions::date),
                CelFunctionBinding.from("date_string_string", String.class, String.class,
                        (value, format) -> DateFunctions.date(value, format)),
                CelFunctionBinding.from("addDays_string_int", String.class, Long.class, DateFunctions::addDays),
                CelFunctionBinding.from("ifEmpty_string_string", String.class, String.class, TextFunctions::ifEmpty),
                CelFunctionBinding.from("lookup_string_string", String.class, String.class,
                        (table, key) -> lookup(table, key, null)),
                CelFunctionBinding.from("lookup_string_string_string", three,
                        args -> lookup((String) args[0], (String) args[1], (String) args[2])),
                CelFunctionBinding.from("isoDate_string_string", String.class, String.class,
                        (value, pattern) -> isoDate(value, pattern)),
                CelFunctionBinding.from("isoDateTime_string_string", String.class, String.class,
                        (value, pattern) -> TextFunctions.toIsoDateTime(value, pattern, ZoneOffset.UTC)),
                CelFunctionBinding.from("isoDateTime_string_string_string", three,
                        args -> TextFunctions.toIsoDateTime((String) args[0], (String) args[1],
                                ZoneId.of((String) args[2]))));
    }

    /** The date only: whatever time the value has, the result is that day at 00:00:00Z. */
    private static String isoDate(String value, String pattern) {
        String iso = TextFunctions.toIsoDateTime(value, pattern, ZoneOffset.UTC);
        return iso.isEmpty() ? iso : iso.substring(0, 10) + "T00:00:00Z";
    }
}
