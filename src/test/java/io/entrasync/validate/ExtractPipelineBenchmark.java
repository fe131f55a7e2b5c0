package io.entrasync.validate;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimUser;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractReader;

/**
 * Read + map + validate + serialize throughput on a generated extract of 1,000,000 rows × 24 columns shaped like
 * Microsoft's sample (unique WorkerIDs). Not part of the test run; see docs/performance.md for the command:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
 * java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     io.entrasync.validate.ExtractPipelineBenchmark [rows] [runs] [breakdown|sample-only|unique|unique-realistic]
 * </pre>
 */
public final class ExtractPipelineBenchmark {

    static final String[] HEADER = {"WorkerID", "WorkerStatus", "WorkerType", "UserID", "FirstName", "LastName",
            "FullName", "GenderPronoun", "ManagerID", "HireDate", "OnLeave", "Department", "Division", "CostCenter",
            "Company", "Location", "JobTitle", "StreetAddress", "City", "CountryCode", "OfficePhone", "Custom01",
            "Custom02", "ZipCode"};
    private static final String[] FIRST = {"Talya", "Myriam", "Ginnie", "Genevra", "Zoë", "Łukasz", "Anne-Marie",
            "Søren", "Mireielle", "José", "Nguyễn", "Ahmed"};
    private static final String[] LAST = {"Fleeta", "Durware", "Fadiman", "Melony", "Åström", "Wiśniewski",
            "Müller", "Kierkegaard", "Philoo", "García", "Van", "Haddad"};
    private static final String[] DEPARTMENTS = {"Sales", "Product Engineering", "Finance", "HR", "Legal",
            "Operations"};
    private static final String[] TITLES = {"Sales Executive", "Vice President", "Project Manager",
            "Software Developer", "Program Manager", "Accountant"};
    private static final String[] CITIES = {"Chicago", "Frankfurt", "Seattle", "Bengaluru", "Sydney", "London"};

    private ExtractPipelineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = Path.of("target", "bench", "extract-" + rows + "x24.csv");
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            generate(file, rows);
            System.out.printf("generated %s (%,d rows, %.0f MiB) in %.1f s%n", file, rows,
                    Files.size(file) / 1048576.0, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("JVM %s, max heap %d MiB, %d CPUs%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576, Runtime.getRuntime().availableProcessors());
        String sample = Files.readString(Path.of("samples/mappings/microsoft-sample.yaml"));
        if (args.length > 2 && args[2].equals("breakdown")) {
            breakdown(MappingLoader.parse(sample, "microsoft-sample.yaml"), file, runs);
            return;
        }
        if (args.length > 2 && args[2].equals("unique")) {
            compareUnique(sample, file, runs);
            return;
        }
        if (args.length > 2 && args[2].equals("unique-realistic")) {
            Path realistic = Path.of("target", "bench", "extract-" + rows + "x24-realistic-names.csv");
            if (!Files.exists(realistic)) {
                generate(realistic, rows, syllableNames(3_000, 11), syllableNames(10_000, 13));
            }
            compareUniqueRealistic(sample, realistic, runs);
            return;
        }
        measure("Microsoft sample mapping (1 CEL expression, 21 column references)",
                MappingLoader.parse(sample, "microsoft-sample.yaml"), file, runs);
        if (args.length > 2 && args[2].equals("sample-only")) {
            return;
        }
        measure("every attribute through CEL (22 expressions)",
                MappingLoader.parse(allExpressions(sample), "all-cel.yaml"), file, runs);
    }

    private static void measure(String name, Mapping mapping, Path file, int runs) {
        measure(name, mapping, file, runs, UniqueClaims::new);
    }

    /** As above, each run giving unique values against the claims {@code before} returns (timed: a run loads them). */
    private static void measure(String name, Mapping mapping, Path file, int runs, Supplier<UniqueClaims> before) {
        BulkRequestWriter writer = new BulkRequestWriter(new ObjectMapper());
        double[] rates = new double[runs];
        long heapPeak = 0;
        for (int run = 0; run < runs; run++) {
            System.gc();
            resetPeaks();
            CountingSink sink = new CountingSink();
            List<ScimUser> batch = new ArrayList<>(BulkRequestWriter.MAX_OPERATIONS);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            ExtractSummary summary = ExtractPipeline.process(ExtractInput.of(file), mapping, before.get(), outcome -> {
                if (outcome instanceof ExtractOutcome.Valid valid) {
                    batch.add(valid.user());
                    if (batch.size() == BulkRequestWriter.MAX_OPERATIONS) {
                        writer.write(batch, "b", sink);
                        batch.clear();
                    }
                }
            }, ProgressListener.NONE);
            if (!batch.isEmpty()) {
                writer.write(batch, "b", sink);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            rates[run] = summary.recordsRead() / seconds;
            summary.unique().forEach(unique -> System.out.println("  " + unique.describe().lines().findFirst()
                    .orElse("")));
            long peak = heapPeak();
            heapPeak = Math.max(heapPeak, peak);
            System.out.printf("  run %d: %,d records (%,d valid) in %.2f s = %,.0f records/s (CPU %.2f s, %.2f µs "
                            + "per record, load average %.1f), %,.0f MiB JSON, heap peak %d MiB%n", run + 1,
                    summary.recordsRead(), summary.valid(), seconds, rates[run], cpuSeconds,
                    cpuSeconds * 1e6 / summary.recordsRead(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sink.bytes / 1048576.0,
                    peak / 1048576);
        }
        Arrays.sort(rates);
        System.gc();
        long usedAfterGc = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("%s: median %,.0f records/s, best %,.0f; heap peak %d MiB; used after GC %d MiB%n", name,
                rates[runs / 2], rates[runs - 1], heapPeak / 1048576, usedAfterGc / 1048576);
    }

    /**
     * The cost of a unique userName (issue 26): the sample with userName built from the names (144 distinct names,
     * so about 7,000 namesakes each and the counter busy), without and with {@code unique: userName: counter}, runs
     * alternating in one JVM so that both see the same machine load.
     */
    private static void compareUnique(String sample, Path file, int runs) {
        Mapping plain = builtUserName(sample, "");
        Mapping unique = builtUserName(sample, "\nunique:\n  userName:\n    counter: before @\n");
        for (int run = 0; run < runs; run++) {
            measure("without the unique rule", plain, file, 1);
            measure("with unique userName (counter)", unique, file, 1);
        }
    }

    /** The sample with userName built from the names, and {@code more} (the unique rule) at its end. */
    private static Mapping builtUserName(String sample, String more) {
        String built = sample.replace("userName: UserID", "userName: =lower(ascii(row.FirstName + \".\" + "
                + "row.LastName)).replace(\" \", \"\") + \"@contoso.com\"");
        return MappingLoader.parse(built + more, more.isEmpty() ? "built-user-name.yaml" : "unique-user-name.yaml");
    }

    /**
     * The realistic case: 3,000 first names and 10,000 last names drawn evenly, so a few % of people share their
     * name with someone; alternating without the rule, with it on a first run (every person a claimant) and with it
     * on a second run (everyone already holds their value: the claims of a first run, read as a run reads them).
     */
    private static void compareUniqueRealistic(String sample, Path file, int runs) {
        Mapping plain = builtUserName(sample, "");
        Mapping unique = builtUserName(sample, "\nunique:\n  userName:\n    counter: before @\n");
        byte[] bytes = claimsOfAFirstRun(unique, file);
        for (int run = 0; run < runs; run++) {
            measure("without the unique rule", plain, file, 1);
            measure("with unique userName, first run", unique, file, 1);
            measure("with unique userName, second run (everyone holds a value)", unique, file, 1, () -> {
                try {
                    return UniqueClaims.read(new DataInputStream(new ByteArrayInputStream(bytes)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The claims a first run leaves, as the store keeps them: only the bytes stay in memory, as in a real run. */
    private static byte[] claimsOfAFirstRun(Mapping unique, Path file) {
        UniqueClaims first = new UniqueClaims();
        ExtractPipeline.process(ExtractInput.of(file), unique, first, outcome -> { }, ProgressListener.NONE);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(saved)) {
            first.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return saved.toByteArray();
    }

    /** {@code count} distinct names of two to four syllables, the same ones on every call. */
    static String[] syllableNames(int count, long seed) {
        String[] syllables = {"an", "be", "ka", "lo", "mi", "ra", "so", "tu", "el", "vi", "no", "sa", "de", "ri",
            "ma", "jo", "ha", "ke", "li", "us", "en", "ol", "ta", "ve"};
        Random random = new Random(seed);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        while (names.size() < count) {
            StringBuilder name = new StringBuilder();
            for (int i = 2 + random.nextInt(3); i > 0; i--) {
                name.append(syllables[random.nextInt(syllables.length)]);
            }
            names.add(Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
        return names.toArray(String[]::new);
    }

    /** Where the time goes: one read of the file, then read + map + validate (both passes) without serializing. */
    private static void breakdown(Mapping mapping, Path file, int runs) {
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            long rows = 0;
            try (ExtractReader reader = ExtractReader.open(
                    ExtractInput.of(file))) {
                while (reader.next() != null) {
                    rows++;
                }
            }
            double read = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            ExtractSummary summary = ExtractPipeline.process(ExtractInput.of(file), mapping, outcome -> { });
            double pipeline = (System.nanoTime() - start) / 1e9;
            System.out.printf("  run %d: read only %,.0f rows/s; read + map + validate (2 passes) %,.0f records/s%n",
                    run + 1, rows / read, summary.recordsRead() / pipeline);
        }
    }

    /** {@code WorkerID} → {@code =row.WorkerID}, so every attribute is produced by a CEL program. */
    static String allExpressions(String mapping) {
        StringBuilder out = new StringBuilder();
        for (String line : mapping.split("\n", -1)) {
            String code = line.replaceAll("\\s+#.*$", "");
            int colon = code.indexOf(": ");
            if (colon > 0 && !code.strip().startsWith("#") && !code.contains("=")
                    && !code.contains("type: work") && !code.strip().startsWith("description")) {
                String value = code.substring(colon + 2).strip();
                if (value.matches("[A-Za-z0-9]+")) {
                    out.append(code, 0, colon + 2).append("=row.").append(value).append('\n');
                    continue;
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    static void generate(Path file, int rows) throws IOException {
        generate(file, rows, FIRST, LAST);
    }

    static void generate(Path file, int rows, String[] firstNames, String[] lastNames) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(20261128);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", HEADER));
            out.write('\n');
            String[] fields = new String[HEADER.length];
            for (int i = 0; i < rows; i++) {
                int id = 100_000 + i;
                String first = firstNames[random.nextInt(firstNames.length)];
                String last = lastNames[random.nextInt(lastNames.length)];
                fields[0] = Integer.toString(id);
                fields[1] = random.nextInt(10) < 8 ? "Active" : "Inactive";
                fields[2] = random.nextBoolean() ? "Employee" : "Contractor";
                fields[3] = "EMP" + id;
                fields[4] = first;
                fields[5] = last;
                fields[6] = first + " " + last;
                fields[7] = random.nextBoolean() ? "HE/HIM" : "SHE/HER";
                fields[8] = i == 0 ? "" : Integer.toString(100_000 + random.nextInt(i));
                fields[9] = String.format("20%02d-%02d-%02d", random.nextInt(24), 1 + random.nextInt(12),
                        1 + random.nextInt(28));
                fields[10] = random.nextInt(10) == 0 ? "True" : "False";
                fields[11] = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
                fields[12] = "Division " + (char) ('A' + random.nextInt(6));
                fields[13] = "CC" + (3000 + random.nextInt(3000));
                fields[14] = random.nextBoolean() ? "Woodgrove" : "Fabrikam";
                fields[15] = random.nextBoolean() ? "Europe" : "Asia Pacific";
                fields[16] = TITLES[random.nextInt(TITLES.length)];
                fields[17] = (100 + random.nextInt(900)) + " Woodgrove Way";
                fields[18] = CITIES[random.nextInt(CITIES.length)];
                fields[19] = random.nextBoolean() ? "US" : "DE";
                fields[20] = String.format("%03d-%03d-%04d", random.nextInt(1000), random.nextInt(1000),
                        random.nextInt(10000));
                fields[21] = "T" + (1000 + random.nextInt(9000));
                fields[22] = random.nextInt(3) == 0 ? "BTK" + random.nextInt(100) : "";
                fields[23] = Integer.toString(10000 + random.nextInt(90000));
                out.write(String.join(",", fields));
                out.write('\n');
            }
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Counts serialized bytes and throws them away, so the benchmark measures work, not the disk. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }

        @Override
        public void close() {
            // BulkRequestWriter closes its generator, which would close this stream: keep counting
        }
    }
}
