package io.entrasync.schema;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.entrasync.report.RunReport;

/**
 * What the provisioning app will do with each attribute the mapping sends: flow (which target, which flow type) or
 * drop (not in the API source directory, or read by no attribute mapping), with the fix. The service answers 202
 * either way; this is the only warning an admin gets before the upload.
 *
 * @param source the source's name
 * @param jobId the job checked
 * @param directory the API source directory's name
 * @param attributes one check per attribute, in mapping order
 */
public record SchemaCheck(String source, String jobId, String directory, List<AttributeCheck> attributes) {

    public static final int ALL_FLOW = 0;
    public static final int SOME_DROPPED = 1;

    public SchemaCheck {
        attributes = List.copyOf(attributes);
    }

    /** Checks {@code sent} against {@code schema}; each attribute name is checked once. */
    public static SchemaCheck of(String source, String jobId, ApiSourceSchema schema, List<SentAttribute> sent) {
        List<AttributeCheck> checks = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SentAttribute attribute : sent) {
            if (!seen.add(attribute.label())) {
                continue;
            }
            checks.add(check(source, schema, attribute));
        }
        return new SchemaCheck(source, jobId, schema.directoryName(), checks);
    }

    private static AttributeCheck check(String source, ApiSourceSchema schema, SentAttribute attribute) {
        if (attribute.name().isEmpty()) {
            return new AttributeCheck(attribute.label(), attribute.where(), AttributeCheck.Verdict.NOT_CHECKED,
                    List.of(), "");
        }
        String name = attribute.name().get();
        if (!schema.defines(name)) {
            String fix = attribute.custom()
                    ? "add it with 'schema push --source " + source + " --apply', then add an attribute mapping for it"
                    : "add it to the app's attribute list (Entra admin center > the app > Provisioning > Mappings >"
                            + " Show advanced options > Edit attribute list for " + schema.directoryName()
                            + "), then map it";
            return new AttributeCheck(name, attribute.where(), AttributeCheck.Verdict.NOT_IN_SCHEMA, List.of(), fix);
        }
        List<ApiSourceSchema.Use> uses = schema.uses(name);
        if (uses.isEmpty()) {
            return new AttributeCheck(name, attribute.where(), AttributeCheck.Verdict.NOT_MAPPED, List.of(),
                    "add an attribute mapping with source attribute '" + name + "' (Entra admin center > the app >"
                            + " Provisioning > Mappings > Add New Mapping)");
        }
        return new AttributeCheck(name, attribute.where(), AttributeCheck.Verdict.FLOWS, uses, "");
    }

    public List<AttributeCheck> dropped() {
        return attributes.stream().filter(AttributeCheck::dropped).toList();
    }

    /** 0 when every attribute flows, 1 when some will be dropped. */
    public int exitCode() {
        return dropped().isEmpty() ? ALL_FLOW : SOME_DROPPED;
    }

    /** One line per dropped attribute with its fix, then a summary; {@code all} also lists what flows. */
    public void print(PrintWriter out, boolean all) {
        for (AttributeCheck check : attributes) {
            if (all || check.dropped()) {
                out.println((check.dropped() ? "!! " : "   ") + check.describe());
            }
        }
        out.println(summary());
    }

    /** The check as the run report carries it: the attributes that will be dropped, each with its fix. */
    public RunReport.Schema toReport() {
        int flows = (int) attributes.stream().filter(a -> a.verdict() == AttributeCheck.Verdict.FLOWS).count();
        return new RunReport.Schema(true, jobId, directory, attributes.size(), flows, dropped().stream()
                .map(a -> new RunReport.DroppedAttribute(a.attribute(), a.where(), a.verdict().label(), a.fix()))
                .toList(), "");
    }

    public String summary() {
        long flows = attributes.stream().filter(a -> a.verdict() == AttributeCheck.Verdict.FLOWS).count();
        List<AttributeCheck> dropped = dropped();
        return "schema of job " + jobId + " (source directory '" + directory + "'): " + flows + " of "
                + attributes.size() + " attributes flow" + (dropped.isEmpty() ? ""
                        : ", " + dropped.size() + " will be dropped by the service: "
                                + String.join(", ", dropped.stream().map(AttributeCheck::attribute).toList()));
    }
}
