package io.entrasync.source;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An extract opened as text: a byte-order mark picks UTF-8, UTF-16LE or UTF-16BE (and is skipped); without one, a
 * file that is not text is refused ({@link TextSniffer}) and the rest is read in the source's charset (UTF-8 unless
 * set). Bytes that are not valid in the charset become replacement characters, so the row that holds them can be
 * rejected with its line rather than the whole file.
 *
 * @param reader the decoded text, buffered
 * @param charset the charset it is decoded with
 * @param description the charset as reports name it, with "(BOM)" when a byte-order mark chose it
 */
record DecodedExtract(BufferedReader reader, Charset charset, String description) {

    private static final int BUFFER = 1 << 16;

    /** Opens the input, honours a byte-order mark, and decodes with replacement characters for bad bytes. */
    static DecodedExtract open(ExtractInput input) {
        InputStream raw = null;
        try {
            raw = input.opener().open();
            BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
            in.mark(4);
            byte[] bom = in.readNBytes(3);
            Charset charset;
            String description;
            if (bom.length >= 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
                charset = StandardCharsets.UTF_8;
                description = "UTF-8 (BOM)";
            } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
                in.reset();
                in.skipNBytes(2);
                charset = StandardCharsets.UTF_16LE;
                description = "UTF-16LE (BOM)";
            } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF) {
                in.reset();
                in.skipNBytes(2);
                charset = StandardCharsets.UTF_16BE;
                description = "UTF-16BE (BOM)";
            } else {
                in.reset();
                in.mark(TextSniffer.SAMPLE);
                byte[] head = in.readNBytes(TextSniffer.SAMPLE);
                in.reset();
                String problem = TextSniffer.problem(input.name(), head, head.length);
                if (problem != null) {
                    throw new ExtractException(problem + ".");
                }
                charset = input.options().charset() != null ? input.options().charset() : StandardCharsets.UTF_8;
                description = charset.name();
            }
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new DecodedExtract(new BufferedReader(new InputStreamReader(in, decoder), BUFFER), charset,
                    description);
        } catch (IOException e) {
            CsvRecordSource.closeQuietly(raw);
            throw new ExtractException("Cannot open " + input.name() + ": " + e, e);
        } catch (RuntimeException e) {
            CsvRecordSource.closeQuietly(raw);
            throw e;
        }
    }
}
