package org.stromasim.scenario;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a scenario file as UTF-8, refusing bytes that are not UTF-8 with the line and column where
 * they start (the JDK's own decoder says only "Input length = 1"): a file saved as Latin-1 with a "µ" in
 * a comment is found at once.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    static String decode(byte[] bytes, String sourceName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // column in characters: decode the good part of the line
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw ScenarioException.inFile(SourceLocation.of(sourceName, line, column), String.format(
                    "byte 0x%02X (byte %d of the file) is not UTF-8; save the scenario as UTF-8 (a Latin-1 "
                            + "'µ' or '°' in a comment is the usual cause)", bytes[offset] & 0xFF, offset + 1), null);
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
