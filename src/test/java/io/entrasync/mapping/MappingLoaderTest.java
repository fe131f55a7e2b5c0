package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rules a mapping file must satisfy before any record is read. */
class MappingLoaderTest {

    private static final String MINIMAL = """
            user:
              externalId: Id
              userName: Upn
              active: =row.Status == "A"
            """;

    @Test
    void theShippedSampleMappingsLoad() {
        assertThatCode(() -> MappingLoader.load(Path.of("samples/mappings/microsoft-sample.yaml")))
                .doesNotThrowAnyException();
        Mapping contoso = MappingLoader.load(Path.of("samples/mappings/contoso-custom-namespace.yaml"));
        assertThat(contoso.customNamespaces())
                .containsExactly("urn:ietf:params:scim:schemas:extension:contoso:1.0:User");
    }

    @Test
    void theRulesOfUniquePropertiesKnowTheirLines() {
        Mapping mapping = MappingLoader.parse("""
                user:
                  externalId: Id
                  active: =row.Status == "A"

                  userName: Upn
                  emails:
                    - type: work
                      value: Mail
                unique:
                  userName:
                    counter: before @
                """, "mappings/people.yaml");
        assertThat(mapping.ruleOrigins())
                .containsEntry("userPrincipalName", "user.userName at people.yaml:5, unique.userName at people.yaml:10")
                .containsEntry("mail", "user.emails[0].value at people.yaml:8")
                .doesNotContainKey("mailNickname");
        assertThat(MappingLoader.parse(MINIMAL, "inline").ruleOrigins())
                .containsOnly(java.util.Map.entry("userPrincipalName", "user.userName at inline:3"));
    }

    @Test
    void aPreHireOptionNeedsAStartDateAndWholeDays() {
        assertThat(problems(MINIMAL + """
                options:
                  preHire:
                    startDate: '=date(row.Start, "dd.MM.yyyy")'
                    sendDaysAhead: two weeks
                """)).singleElement().asString().startsWith("options.preHire.sendDaysAhead: 'two weeks'");
        assertThat(problems(MINIMAL + """
                options:
                  preHire:
                    sendDaysAhead: 14
                """)).singleElement().asString().startsWith("options.preHire: give startDate");
        assertThat(problems(MINIMAL + """
                options:
                  preHire: {startDate: Start, sendDaysAhead: 3, after: 1}
                """)).singleElement().asString().startsWith("options.preHire.after: unknown key");
    }

    @Test
    void externalIdActiveAndUserNameAreRequired() {
        assertThat(problems("""
                user:
                  displayName: Name
                """)).anySatisfy(p -> assertThat(p).startsWith("user.externalId is required"))
                .anySatisfy(p -> assertThat(p).startsWith("user.userName is required"))
                .anySatisfy(p -> assertThat(p).startsWith("user.active is required").contains("disable"));
        assertThat(problems("enterprise:\n  department: Dept\n"))
                .anySatisfy(p -> assertThat(p).contains("'user' section is missing"));
    }

    @Test
    void anUnknownAttributeGetsADidYouMeanHint() {
        assertThat(problems(MINIMAL + "  displayname: Name\n  nickname: Nick\n  favouriteColour: Colour\n"))
                .contains("user.displayname: unknown SCIM User attribute 'displayname'; did you mean 'displayName'?",
                        "user.nickname: unknown SCIM User attribute 'nickname'; did you mean 'nickName'?",
                        "user.favouriteColour: unknown SCIM User attribute 'favouriteColour'");
        assertThat(problems(MINIMAL + "  name:\n    givenNmae: First\n"))
                .contains("user.name.givenNmae: unknown sub-attribute of name; did you mean 'givenName'?");
        assertThat(problems(MINIMAL + "enterprise:\n  departement: Dept\n"))
                .contains("enterprise.departement: unknown enterprise attribute 'departement'; did you mean "
                        + "'department'?");
    }

    @Test
    void attributesInTheWrongSectionSayWhereTheyBelong() {
        assertThat(problems(MINIMAL + "  department: Dept\n"))
                .contains("user.department: department belongs to the enterprise extension; move it under "
                        + "'enterprise'");
        assertThat(problems(MINIMAL + "enterprise:\n  title: Title\n"))
                .contains("enterprise.title: title is a core attribute; move it under 'user'");
        assertThat(problems(MINIMAL + "  schemas: x\n"))
                .anySatisfy(p -> assertThat(p).startsWith("user.schemas: leave schemas out"));
    }

    @Test
    void anExpressionThatDoesNotCompileFailsTheMapping() {
        assertThat(problems(MINIMAL + "  displayName: =row.First +\n"))
                .anySatisfy(p -> assertThat(p).startsWith("user.displayName: the expression 'row.First +' does not "
                        + "compile"));
        assertThat(problems(MINIMAL + "  displayName: =noSuchFunction(row.First)\n"))
                .anySatisfy(p -> assertThat(p).startsWith("user.displayName: the expression")
                .contains("noSuchFunction"));
    }

    @Test
    void anExpressionOfTheWrongTypeFailsTheMapping() {
        assertThat(problems("""
                user:
                  externalId: Id
                  userName: Upn
                  active: =size(row.Status)
                  displayName: =row.Name.split(" ")
                """))
                .contains("user.active: the expression returns int, but active takes a boolean")
                .anySatisfy(p -> assertThat(p).startsWith("user.displayName: the expression returns list")
                        .contains(".join("));
    }

    @Test
    void unknownLookupTablesAndBadDatePatternsFailTheMapping() {
        String yaml = """
                lookups:
                  status: {A: true}
                user:
                  externalId: Id
                  userName: Upn
                  active: {column: Status, lookup: stauts}
                  title: =lookup("titles", row.Code)
                extensions:
                  "urn:ietf:params:scim:schemas:extension:acme:1.0:User":
                    hireDate: {column: Hired, as: dateTime, format: dd.MM.yyyyQQQQQQ}
                    level: {column: Level, as: decimal}
                """;
        assertThat(problems(yaml))
                .contains("user.active.lookup: table 'stauts' is not defined under lookups; did you mean 'status'?",
                        "user.title: lookup table 'titles' is not defined under lookups")
                .anySatisfy(p -> assertThat(p).startsWith("extensions.urn:ietf:params:scim:schemas:extension:acme:1.0"
                        + ":User.hireDate.format: 'dd.MM.yyyyQQQQQQ' is not a date pattern"))
                .anySatisfy(p -> assertThat(p).contains(".level.as: 'decimal' is not a type"));
    }

    @Test
    void customNamespacesMustBeUrnsWithSingleValues() {
        assertThat(problems(MINIMAL + """
                extensions:
                  contoso:
                    a: A
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                    b: B
                  "urn:acme:1.0:User":
                    tags: [A, B]
                """))
                .anySatisfy(p -> assertThat(p).startsWith("extensions.contoso: a custom namespace is a URN"))
                .anySatisfy(p -> assertThat(p).contains("enterprise:2.0:User: map core attributes under 'user'"))
                .anySatisfy(p -> assertThat(p).startsWith("extensions.urn:acme:1.0:User.tags: custom attributes are "
                        + "single values"));
    }

    @Test
    void typesCanOnlyBeDeclaredForCustomAttributes() {
        assertThat(problems(MINIMAL + "  title: {column: Title, as: integer}\n"))
                .contains("user.title.as: only custom attributes take a type; title is string");
    }

    @Test
    void aUniqueEntryNamesAMappedTextAttributeAndSaysHowToGoOn() {
        assertThat(problems(MINIMAL + "unique:\n  userNam: {counter: end}\n  active: {counter: end}\n"
                + "  userName: {counter: after}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("unique.userNam: the mapping does not map 'userNam'; "
                        + "did you mean 'userName'?"))
                .contains("unique.active: only text attributes can be unique; active is a boolean",
                        "unique.userName.counter: 'after' must be 'before @' (anna.schmidt2@contoso.de), 'end' "
                                + "(aschmidt2) or 'none'");
        assertThat(problems(MINIMAL + "unique:\n  userName: {}\n")).anySatisfy(p -> assertThat(p)
                .contains("unique.userName: give then: (further candidates) or counter:"));
        assertThat(problems(MINIMAL + "unique:\n  userName: {then: ['=row.Nope +']}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("unique.userName.then[0]: the expression"));
    }

    @Test
    void unknownSectionsOptionsAndSpecKeysGetHints() {
        assertThat(problems("usr:\n  a: b\n" + MINIMAL + "options:\n  emptyValue: null\n"))
                .contains("unknown section 'usr'; did you mean 'user'? (sections: user, enterprise, extensions, "
                        + "unique, lookups, options)",
                        "options.emptyValue: unknown option; did you mean 'emptyValues'?");
        assertThat(problems(MINIMAL + "  title: {column: Title, defualt: Staff}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("user.title.defualt: unknown key; did you mean 'default'?"));
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> MappingLoader.parse("user:\n  externalId: Id\n   userName: [\n", "bad.yaml"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("The mapping bad.yaml has 1 problem")
                .hasMessageContaining("not valid YAML")
                .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
    }

    @Test
    void aColumnTheExtractDoesNotHaveFailsWithADidYouMeanHint() {
        Mapping mapping = MappingLoader.parse(MINIMAL + "  displayName: FullNmae\n  title: =row.JobTitel\n", "m.yaml");
        assertThatThrownBy(() -> mapping.validateAgainst(List.of("Id", "Upn", "Status", "FullName", "JobTitle"),
                "hr.csv"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "user.displayName: column 'FullNmae' is not in the header of hr.csv; did you mean 'FullName'?",
                        "user.title: column 'JobTitel' is not in the header of hr.csv; did you mean 'JobTitle'?"));
        assertThatCode(() -> mapping.validateAgainst(List.of("Id", "Upn", "Status", "FullNmae", "JobTitel")))
                .doesNotThrowAnyException();
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        assertThatThrownBy(() -> MappingLoader.parse("user:\n  displayname: x\n  titel: y\n", "m.yaml"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).hasSize(5))
                .hasMessageStartingWith("The mapping m.yaml has 5 problems:");
    }

    private static List<String> problems(String yaml) {
        try {
            MappingLoader.parse(yaml, "test.yaml");
        } catch (MappingException e) {
            return e.problems();
        }
        throw new AssertionError("the mapping loaded without problems");
    }
}
